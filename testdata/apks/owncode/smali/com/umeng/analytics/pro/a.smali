.class public Lcom/umeng/analytics/pro/a;
.super Ljava/lang/Object;
.source "a.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static a(Landroid/content/Context;)V
    .registers 1
    return-void
.end method
