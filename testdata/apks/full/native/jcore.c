/* Named like JPush's core library, whose file name is an SDK signature. */
int jcore_version(void) { return 236; }
