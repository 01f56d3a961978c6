.class public Lcom/bytedance/sdk/openadsdk/TTAdConfig;
.super Ljava/lang/Object;

.field private appId:Ljava/lang/String;

.method public constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, Lcom/bytedance/sdk/openadsdk/TTAdConfig;->appId:Ljava/lang/String;
    return-void
.end method
