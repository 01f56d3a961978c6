.class public Lcom/example/jianke/wxapi/WXEntryActivity;
.super Landroid/app/Activity;

# The callback activity WeChat's SDK requires in <package>.wxapi.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method
