.class public Ll0/t;
.super Ljava/lang/Object;

# What R8 makes of AndroidX's text-selection menu (TextViewCompat's
# ActionMode callback): the activities that handle PROCESS_TEXT for
# text/plain, each then launched by its own class name.
.method public static a(Landroid/content/pm/PackageManager;Landroid/view/Menu;)V
    .registers 8
    new-instance v0, Landroid/content/Intent;
    invoke-direct {v0}, Landroid/content/Intent;-><init>()V
    const-string v1, "android.intent.action.PROCESS_TEXT"
    invoke-virtual {v0, v1}, Landroid/content/Intent;->setAction(Ljava/lang/String;)Landroid/content/Intent;
    move-result-object v0
    const-string v2, "text/plain"
    invoke-virtual {v0, v2}, Landroid/content/Intent;->setType(Ljava/lang/String;)Landroid/content/Intent;
    move-result-object v0
    const/4 v3, 0x0
    invoke-virtual {p0, v0, v3}, Landroid/content/pm/PackageManager;->queryIntentActivities(Landroid/content/Intent;I)Ljava/util/List;
    move-result-object v4
    new-instance v5, Landroid/content/Intent;
    invoke-direct {v5}, Landroid/content/Intent;-><init>()V
    const-string v1, "com.example.other"
    const-string v2, "com.example.other.Process"
    invoke-virtual {v5, v1, v2}, Landroid/content/Intent;->setClassName(Ljava/lang/String;Ljava/lang/String;)Landroid/content/Intent;
    return-void
.end method
