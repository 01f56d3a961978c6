.class public interface abstract Lcom/tencent/mm/opensdk/openapi/IWXAPI;
.super Ljava/lang/Object;

.method public abstract registerApp(Ljava/lang/String;)Z
.end method
