.class public Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;
.super Ljava/lang/Object;

.field private static instance:Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getInstance()Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;
    .registers 1
    sget-object v0, Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;->instance:Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;
    return-object v0
.end method

.method public init(Landroid/content/Context;Ljava/lang/String;)V
    .registers 3
    return-void
.end method
