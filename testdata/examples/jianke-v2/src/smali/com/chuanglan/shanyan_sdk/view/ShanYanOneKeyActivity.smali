.class public Lcom/chuanglan/shanyan_sdk/view/ShanYanOneKeyActivity;
.super Landroid/app/Activity;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method
