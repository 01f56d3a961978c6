.class public Lcom/igexin/sdk/PushManager;
.super Ljava/lang/Object;

.field private static instance:Lcom/igexin/sdk/PushManager;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getInstance()Lcom/igexin/sdk/PushManager;
    .registers 1
    sget-object v0, Lcom/igexin/sdk/PushManager;->instance:Lcom/igexin/sdk/PushManager;
    return-object v0
.end method

.method public initialize(Landroid/content/Context;)V
    .registers 2
    return-void
.end method
