#ifndef SLUICE_CFUZZERDRIVER_H
#define SLUICE_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's entry for programs with their own main (compiler-rt's
/// FuzzerInterface.h): runs the fuzzing loop with `callback` as
/// LLVMFuzzerTestOneInput. Defined only when linked with -sanitize=fuzzer.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
