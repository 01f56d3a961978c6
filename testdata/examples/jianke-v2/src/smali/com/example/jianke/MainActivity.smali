.class public Lcom/example/jianke/MainActivity;
.super Landroid/app/Activity;

# The launcher: nearby jobs (AMap location), one-tap login (Shanyan), sharing
# to WeChat, withdrawing wages to Alipay, Umeng page statistics.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Activity;-><init>()V
    return-void
.end method

.method protected onResume()V
    .registers 1
    invoke-super {p0}, Landroid/app/Activity;->onResume()V
    invoke-static {p0}, Lcom/umeng/analytics/MobclickAgent;->onResume(Landroid/content/Context;)V
    return-void
.end method

.method public locateNearbyJobs()V
    .registers 2
    new-instance v0, Lcom/amap/api/location/AMapLocationClient;
    invoke-direct {v0, p0}, Lcom/amap/api/location/AMapLocationClient;-><init>(Landroid/content/Context;)V
    invoke-virtual {v0}, Lcom/amap/api/location/AMapLocationClient;->startLocation()V
    return-void
.end method

.method public showMap()Lcom/amap/api/maps/MapView;
    .registers 2
    new-instance v0, Lcom/amap/api/maps/MapView;
    invoke-direct {v0, p0}, Lcom/amap/api/maps/MapView;-><init>(Landroid/content/Context;)V
    return-object v0
.end method

.method public shareToWeChat()V
    .registers 4
    const-string v0, "wx0123456789abcdef"
    const/4 v1, 0x1
    invoke-static {p0, v0, v1}, Lcom/tencent/mm/opensdk/openapi/WXAPIFactory;->createWXAPI(Landroid/content/Context;Ljava/lang/String;Z)Lcom/tencent/mm/opensdk/openapi/IWXAPI;
    move-result-object v2
    invoke-interface {v2, v0}, Lcom/tencent/mm/opensdk/openapi/IWXAPI;->registerApp(Ljava/lang/String;)Z
    return-void
.end method

.method public withdrawToAlipay(Ljava/lang/String;)V
    .registers 4
    new-instance v0, Lcom/alipay/sdk/app/PayTask;
    invoke-direct {v0, p0}, Lcom/alipay/sdk/app/PayTask;-><init>(Landroid/app/Activity;)V
    const/4 v1, 0x1
    invoke-virtual {v0, p1, v1}, Lcom/alipay/sdk/app/PayTask;->payV2(Ljava/lang/String;Z)Ljava/util/Map;
    return-void
.end method
