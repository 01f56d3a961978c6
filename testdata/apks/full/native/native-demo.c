/* A tiny JNI library so the fixture ships real ELF shared objects. */
int privdiff_native_demo(int x) { return x * 2 + 1; }
