.class public La/b/c;
.super Ljava/lang/Object;

# Obfuscated code reading the subscriber id and the last known location.
.method public static a(Landroid/telephony/TelephonyManager;Landroid/location/LocationManager;)V
    .registers 3
    invoke-virtual {p0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;
    const-string v0, "gps"
    invoke-virtual {p1, v0}, Landroid/location/LocationManager;->getLastKnownLocation(Ljava/lang/String;)Landroid/location/Location;
    return-void
.end method
