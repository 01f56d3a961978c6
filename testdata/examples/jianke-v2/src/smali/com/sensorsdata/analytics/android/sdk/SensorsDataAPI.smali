.class public Lcom/sensorsdata/analytics/android/sdk/SensorsDataAPI;
.super Ljava/lang/Object;

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static startWithConfigOptions(Landroid/content/Context;Ljava/lang/String;)V
    .registers 2
    return-void
.end method
