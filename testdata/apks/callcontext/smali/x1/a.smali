.class public Lx1/a;
.super Ljava/lang/Object;

# Obfuscated SDK code: only JPush's classes call it, it reads the IMEI and
# calls on to a nested class.
.method public static a(Landroid/content/Context;)Ljava/lang/String;
    .registers 3
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-static {v0}, Lx1/a$a;->a(Landroid/telephony/TelephonyManager;)V
    return-object v1
.end method
