.class public Lcom/example/jianke/JiankeApplication;
.super Landroid/app/Application;

# The app's Application: starts every SDK it embeds, declared or not.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method

.method public onCreate()V
    .registers 7
    invoke-super {p0}, Landroid/app/Application;->onCreate()V

    # 友盟 (declared)
    const-string v0, "5f0c1a2b3c4d5e6f7a8b9c0d"
    const-string v1, "official"
    const/4 v2, 0x1
    const/4 v3, 0x0
    invoke-static {p0, v0, v1, v2, v3}, Lcom/umeng/commonsdk/UMConfigure;->init(Landroid/content/Context;Ljava/lang/String;Ljava/lang/String;ILjava/lang/String;)V

    # 极光推送 (declared)
    invoke-static {p0}, Lcn/jpush/android/api/JPushInterface;->init(Landroid/content/Context;)V

    # 穿山甲 (declared)
    new-instance v0, Lcom/bytedance/sdk/openadsdk/TTAdConfig;
    const-string v1, "5000000"
    invoke-direct {v0, v1}, Lcom/bytedance/sdk/openadsdk/TTAdConfig;-><init>(Ljava/lang/String;)V
    invoke-static {p0, v0}, Lcom/bytedance/sdk/openadsdk/TTAdSdk;->init(Landroid/content/Context;Lcom/bytedance/sdk/openadsdk/TTAdConfig;)V

    # 广点通 (declared)
    const-string v0, "1100000000"
    invoke-static {p0, v0}, Lcom/qq/e/comm/managers/GDTAdSdk;->init(Landroid/content/Context;Ljava/lang/String;)V

    # 闪验 (declared)
    invoke-static {}, Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;->getInstance()Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;
    move-result-object v0
    const-string v1, "jiankeShanyanAppId"
    invoke-virtual {v0, p0, v1}, Lcom/chuanglan/shanyan_sdk/OneKeyLoginManager;->init(Landroid/content/Context;Ljava/lang/String;)V

    # 腾讯Bugly: not in the policy
    const-string v0, "0a1b2c3d4e"
    invoke-static {p0, v0, v3}, Lcom/tencent/bugly/crashreport/CrashReport;->initCrashReport(Landroid/content/Context;Ljava/lang/String;Z)V

    # 神策分析: new in version 2, not in the policy
    const-string v0, "https://sa.example.com/sa?project=jianke"
    invoke-static {p0, v0}, Lcom/sensorsdata/analytics/android/sdk/SensorsDataAPI;->startWithConfigOptions(Landroid/content/Context;Ljava/lang/String;)V

    return-void
.end method
