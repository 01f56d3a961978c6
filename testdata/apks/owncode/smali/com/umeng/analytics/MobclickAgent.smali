.class public Lcom/umeng/analytics/MobclickAgent;
.super Ljava/lang/Object;
.source "MobclickAgent.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;Ljava/lang/String;)V
    .registers 2
    invoke-static {p0}, Lcom/umeng/analytics/pro/a;->a(Landroid/content/Context;)V
    return-void
.end method
