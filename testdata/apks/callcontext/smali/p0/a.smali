.class public Lp0/a;
.super Landroid/widget/EditText;

# An obfuscated EditText pasting: the menu id is android.R.id.paste
# (0x01020022) or pasteAsPlainText (0x01020031), compared in a switch.
.method public onTextContextMenuItem(I)Z
    .registers 5
    sparse-switch p1, :ids
    const/4 v0, 0x0
    return v0
    :paste
    invoke-virtual {p0}, Landroid/widget/EditText;->getContext()Landroid/content/Context;
    move-result-object v0
    const-string v1, "clipboard"
    invoke-virtual {v0, v1}, Landroid/content/Context;->getSystemService(Ljava/lang/String;)Ljava/lang/Object;
    move-result-object v0
    check-cast v0, Landroid/content/ClipboardManager;
    invoke-virtual {v0}, Landroid/content/ClipboardManager;->getPrimaryClip()Landroid/content/ClipData;
    const/4 v0, 0x1
    return v0
    :ids
    .sparse-switch
        0x1020022 -> :paste
        0x1020031 -> :paste
    .end sparse-switch
.end method
