.class public Lcom/example/jianke/util/DeviceIdentity;
.super Ljava/lang/Object;

# The app's own code reading device identifiers: IMEI, the Wi-Fi MAC address
# and the Android ID.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static imei(Landroid/content/Context;)Ljava/lang/String;
    .registers 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v1
    check-cast v1, Landroid/telephony/TelephonyManager;
    invoke-virtual {v1}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static mac(Landroid/net/wifi/WifiInfo;)Ljava/lang/String;
    .registers 2
    invoke-virtual {p0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method

.method public static androidId(Landroid/content/Context;)Ljava/lang/String;
    .registers 3
    invoke-virtual {p0}, Landroid/content/Context;->getContentResolver()Landroid/content/ContentResolver;
    move-result-object v0
    const-string v1, "android_id"
    invoke-static {v0, v1}, Landroid/provider/Settings$Secure;->getString(Landroid/content/ContentResolver;Ljava/lang/String;)Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
