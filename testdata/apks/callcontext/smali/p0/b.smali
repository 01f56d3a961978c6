.class public Lp0/b;
.super Landroid/widget/EditText;

# The same paste handling with the id loaded as a constant.
.method public a(I)Z
    .registers 5
    const v0, 0x1020022
    if-ne p1, v0, :other
    invoke-virtual {p0}, Landroid/widget/EditText;->getContext()Landroid/content/Context;
    move-result-object v0
    const-string v1, "clipboard"
    invoke-virtual {v0, v1}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/content/ClipboardManager;
    invoke-virtual {v0}, Landroid/content/ClipboardManager;->getText()Ljava/lang/CharSequence;
    :other
    const/4 v0, 0x1
    return v0
.end method
