/* One tiny shared object, built under each SDK's real library file name. */
int privdiff_stub(void) { return 1; }
