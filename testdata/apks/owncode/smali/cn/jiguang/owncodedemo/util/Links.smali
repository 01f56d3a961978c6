.class public Lcn/jiguang/owncodedemo/util/Links;
.super Ljava/lang/Object;
.source "Links.java"

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method
