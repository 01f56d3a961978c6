.class public Lcom/tencent/bugly/crashreport/BuglyLog;
.super Ljava/lang/Object;
.source "BuglyLog.java"

.method public static i(Ljava/lang/String;)V
    .registers 1
    return-void
.end method
