.class public Lcn/jiguang/owncodedemo/DemoApplication;
.super Landroid/app/Application;
.source "DemoApplication.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 2
    invoke-super {p0}, Landroid/app/Application;->onCreate()V
    const-string v0, "5f0c0d5e1234567890abcdef"
    invoke-static {p0, v0}, Lcom/umeng/analytics/MobclickAgent;->init(Landroid/content/Context;Ljava/lang/String;)V
    return-void
.end method
