/*
 * libFuzzer target: arbitrary bytes as a model, through init, allocate and invoke with
 * fixed inputs, on every kernel of the build. Any crash, leak of bounds or UB is a bug.
 */
#include <stddef.h>
#include <stdint.h>

#include "harness.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_run_model(data, size, FUZZ_FILL_FIXED);
	return 0;
}
