.class public Lcom/umeng/commonsdk/utils/UMUtils;
.super Ljava/lang/Object;

# Inside the Umeng SDK: the installed-app list.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static getInstalledApps(Landroid/content/Context;)Ljava/util/List;
    .registers 3
    invoke-virtual {p0}, Landroid/content/Context;->getPackageManager()Landroid/content/pm/PackageManager;
    move-result-object v0
    const/4 v1, 0x0
    invoke-virtual {v0, v1}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;
    move-result-object v0
    return-object v0
.end method
