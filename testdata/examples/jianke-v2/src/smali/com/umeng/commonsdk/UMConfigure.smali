.class public Lcom/umeng/commonsdk/UMConfigure;
.super Ljava/lang/Object;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V
    .registers 5
    invoke-static {p0}, Lcom/umeng/commonsdk/utils/UMUtils;->getInstalledApps(Landroid/content/Context;)Ljava/util/List;
    return-void
.end method
