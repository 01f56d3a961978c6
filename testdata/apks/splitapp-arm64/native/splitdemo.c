/* The native library that only the arm64-v8a config split carries. */
int splitdemo_answer(void) { return 42; }
