.class public Lcom/amap/api/maps/MapView;
.super Landroid/widget/FrameLayout;

.method public constructor <init>(Landroid/content/Context;)V
    .registers 2
    invoke-direct {p0, p1}, Landroid/widget/FrameLayout;-><init>(Landroid/content/Context;)V
    return-void
.end method
