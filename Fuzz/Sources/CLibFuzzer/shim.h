// libFuzzer's driver without its `main` (compiler-rt's libclang_rt.fuzzer_no_main): the
// fuzz targets keep Swift's own entry point and hand libFuzzer the test function.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
