.class public interface abstract Lorg/example/Iface;
.super Ljava/lang/Object;

.method public abstract call(Ljava/lang/String;)V
.end method
