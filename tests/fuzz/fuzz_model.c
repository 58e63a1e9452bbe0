/*
 * libFuzzer target: arbitrary bytes as a model, through init, allocate and invoke with
 * fixed inputs, on every kernel of the build. Any crash, leak of bounds or UB is a bug.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/ztflm.h>

#define ARENA_SIZE (256u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t arena_buf[ARENA_SIZE] __attribute__((aligned(16)));
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	struct ztflm_tensor t;
	/* The model must be 4-byte aligned and exactly size bytes, so overruns are caught. */
	uint8_t *model = malloc(size ? size : 1);

	if (!model) {
		return 0;
	}
	memcpy(model, data, size);
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena) == ZTFLM_OK &&
	    ztflm_allocate(&ip) == ZTFLM_OK) {
		for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
			if (ztflm_input(&ip, i, &t) == ZTFLM_OK && t.data) {
				memset(t.data, (int)(i * 37u + 1u), t.bytes);
			}
		}
		ztflm_invoke(&ip);
		for (uint32_t i = 0; i < ztflm_outputs_count(&ip); i++) {
			ztflm_output(&ip, i, &t);
		}
	}
	free(model);
	return 0;
}
