.class public Lcom/tencent/bugly/crashreport/CrashReport;
.super Ljava/lang/Object;
.source "CrashReport.java"

.method public static initCrashReport(Landroid/content/Context;Ljava/lang/String;Z)V
    .registers 5
    const-string v0, "phone"
    invoke-virtual {p0, v0}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/telephony/TelephonyManager;
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;
    move-result-object v1
    invoke-static {v1}, Lcom/tencent/bugly/crashreport/BuglyLog;->i(Ljava/lang/String;)V
    return-void
.end method
