.class public Ll0/v;
.super Ljava/lang/Object;

# One package's launcher activity, queried on one of two branches (the
# other passes the intent to a wrapper and keeps its List in the same
# register), as R8 lays out an SDK_INT check.
.method public static a(Landroid/content/pm/PackageManager;Ljava/lang/String;)Ljava/util/List;
    .registers 6
    new-instance v0, Landroid/content/Intent;
    const-string v1, "android.intent.action.MAIN"
    invoke-direct {v0, v1}, Landroid/content/Intent;-><init>(Ljava/lang/String;)V
    const-string v1, "android.intent.category.LAUNCHER"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->addCategory(Ljava/lang/String;)Landroid/content/Intent;
    move-result-object v0
    invoke-virtual {v0, p1}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;
    move-result-object v1
    sget v2, Landroid/os/Build$VERSION;->SDK_INT:I
    const/16 v3, 0x21
    if-lt v2, v3, :old
    invoke-static {p0, v1}, Ll0/v;->b(Landroid/content/pm/PackageManager;Landroid/content/Intent;)Ljava/util/List;
    move-result-object v1
    goto :done
    :old
    const/4 v2, 0x0
    invoke-virtual {p0, v1, v2}, Landroid/content/pm/PackageManager;->queryIntentActivities(Landroid/content/Intent;I)Ljava/util/List;
    move-result-object v1
    :done
    return-object v1
.end method

# A wrapper: the intent comes from the caller, so this method alone does
# not say it is the app list.
.method public static b(Landroid/content/pm/PackageManager;Landroid/content/Intent;)Ljava/util/List;
    .registers 3
    const/4 v0, 0x0
    invoke-virtual {p0, p1, v0}, Landroid/content/pm/PackageManager;->queryIntentActivities(Landroid/content/Intent;I)Ljava/util/List;
    move-result-object v0
    return-object v0
.end method
