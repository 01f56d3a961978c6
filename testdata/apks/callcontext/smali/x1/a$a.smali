.class public Lx1/a$a;
.super Ljava/lang/Object;

.method public static a(Landroid/telephony/TelephonyManager;)V
    .registers 1
    invoke-virtual {p0}, Landroid/telephony/TelephonyManager;->getSimSerialNumber()Ljava/lang/String;
    return-void
.end method
