.class public Ll0/u;
.super Ljava/lang/Object;

# A launcher's app drawer: every activity in the launcher category, from
# every package, is the installed-app list. The targeted intent built after
# the query (to start one result) does not change what was queried.
.method public static a(Landroid/content/pm/PackageManager;)Ljava/util/List;
    .registers 6
    new-instance v0, Landroid/content/Intent;
    const-string v1, "android.intent.action.MAIN"
    const/4 v2, 0x0
    invoke-direct {v0, v1, v2}, Landroid/content/Intent;-><init>(Ljava/lang/String;Landroid/net/Uri;)V
    const-string v1, "android.intent.category.LAUNCHER"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->addCategory(Ljava/lang/String;)Landroid/content/Intent;
    const/4 v3, 0x0
    invoke-virtual {p0, v0, v3}, Landroid/content/pm/PackageManager;->queryIntentActivities(Landroid/content/Intent;I)Ljava/util/List;
    move-result-object v4
    const-string v1, "com.example.other"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->setPackage(Ljava/lang/String;)Landroid/content/Intent;
    return-object v4
.end method
