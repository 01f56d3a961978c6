.class public Lorg/example/Poly;
.super Ljava/lang/Object;

.method public static go(Ljava/lang/invoke/MethodHandle;)V
    .registers 3
    const-string v0, "x"
    invoke-polymorphic {p0, v0}, Ljava/lang/invoke/MethodHandle;->invoke([Ljava/lang/Object;)Ljava/lang/Object;, (Ljava/lang/String;)V
    const-method-type v1, (I)V
    return-void
.end method
