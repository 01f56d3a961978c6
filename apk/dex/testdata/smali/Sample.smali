.class public Lorg/example/Sample;
.super Ljava/lang/Object;
.implements Ljava/lang/Runnable;
.source "Sample.java"

.field private static final TAG:Ljava/lang/String; = "sample"
.field public count:I

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public run()V
    .registers 8
    const-string v0, "caf\u00e9 \u20ac \ud83d\ude00 nul:\u0000 lone:\ud800!"
    const-string/jumbo v1, "jumbo"
    sget-object v2, Lorg/example/Sample;->TAG:Ljava/lang/String;
    invoke-static {v2, v0}, Landroid/util/Log;->d(Ljava/lang/String;Ljava/lang/String;)I
    iget v3, p0, Lorg/example/Sample;->count:I
    packed-switch v3, :pswitch
    :after
    sparse-switch v3, :sswitch
    :after2
    const/4 v4, 3
    new-array v4, v4, [I
    fill-array-data v4, :arr
    invoke-virtual/range {v0 .. v1}, Ljava/lang/String;->concat(Ljava/lang/String;)Ljava/lang/String;
    const-wide v5, 0x123456789abcdefL
    return-void
    :p0
    goto :after
    :p1
    goto :after2
    :pswitch
    .packed-switch 0x1
        :p0
        :p1
    .end packed-switch
    :sswitch
    .sparse-switch
        0x5 -> :p0
        0x50 -> :p1
    .end sparse-switch
    :arr
    .array-data 4
        0x1
        0x2
        0x3
    .end array-data
.end method

.method public safe()V
    .registers 2
    :try_start
    invoke-virtual {p0}, Lorg/example/Sample;->run()V
    :try_end
    .catch Ljava/lang/Exception; {:try_start .. :try_end} :handler
    return-void
    :handler
    move-exception v0
    return-void
.end method

.method private static native nat()V
.end method
