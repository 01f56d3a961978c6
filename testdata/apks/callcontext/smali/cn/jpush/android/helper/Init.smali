.class public Lcn/jpush/android/helper/Init;
.super Ljava/lang/Object;

# The SDK's own code calls its obfuscated helpers.
.method public static a(Landroid/content/Context;)V
    .registers 2
    invoke-static {p0}, Lx1/a;->a(Landroid/content/Context;)Ljava/lang/String;
    invoke-static {p0}, Ly1/a;->a(Landroid/content/Context;)Ljava/lang/String;
    return-void
.end method
