.class public final Lcom/stub/StubApp;
.super Landroid/app/Application;

# The stub loads the packer's native library, which decrypts the real dex.
.method static constructor <clinit>()V
    .registers 1
    const-string v0, "jiagu_a64"
    invoke-static {v0}, Ljava/lang/System;->loadLibrary(Ljava/lang/String;)V
    return-void
.end method

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Landroid/app/Application;-><init>()V
    return-void
.end method
