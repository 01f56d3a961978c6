.class public Lcn/jpush/android/helper/DeviceInfo;
.super Ljava/lang/Object;

# An SDK's code: MAC address and the installed-app list, and the IMEI
# through reflection.
.method public static mac(Landroid/net/wifi/WifiInfo;Landroid/content/pm/PackageManager;)V
    .registers 4
    invoke-virtual {p0}, Landroid/net/wifi/WifiInfo;->getMacAddress()Ljava/lang/String;
    const/4 v0, 0x0
    invoke-virtual {p1, v0}, Landroid/content/pm/PackageManager;->getInstalledPackages(I)Ljava/util/List;
    return-void
.end method

.method public static imeiByReflection()Ljava/lang/Object;
    .registers 4
    const-string v0, "android.telephony.TelephonyManager"
    invoke-static {v0}, Ljava/lang/Class;->forName(Ljava/lang/String;)Ljava/lang/Class;
    move-result-object v0
    const-string v1, "getDeviceId"
    const/4 v2, 0x0
    new-array v2, v2, [Ljava/lang/Class;
    invoke-virtual {v0, v1, v2}, Ljava/lang/Class;->getMethod(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;
    move-result-object v0
    return-object v0
.end method
