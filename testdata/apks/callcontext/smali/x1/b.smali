.class public Lx1/b;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;

# Nothing calls it by name (a Runnable run through an interface): it is
# JPush's because the other classes of its obfuscated package are.
.method public run()V
    .registers 2
    const/4 v0, 0x0
    invoke-virtual {v0}, Landroid/telephony/TelephonyManager;->getSubscriberId()Ljava/lang/String;
    return-void
.end method
