/*
 * Benchmark driver for the host: runs a model file with deterministic inputs, invoking it
 * a given number of times, so callgrind can count ztflm_invoke() alone. Prints the arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/ztflm.h>

int main(int argc, char **argv)
{
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	struct ztflm_tensor t;
	const int invokes = argc > 2 ? atoi(argv[2]) : 1;
	const size_t arena_size = 64u << 20;
	FILE *f;
	long len;
	uint8_t *model;
	uint8_t *buf;

	if (argc < 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: bench_runner MODEL [INVOKES]\n");
		return 2;
	}
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	model = aligned_alloc(16, ((size_t)len + 15u) & ~(size_t)15u);
	buf = aligned_alloc(16, arena_size);
	if (!model || !buf || fread(model, 1, (size_t)len, f) != (size_t)len) {
		fprintf(stderr, "bench_runner: cannot read %s\n", argv[1]);
		return 2;
	}
	fclose(f);
	ztflm_arena_init(&arena, buf, arena_size);
	if (ztflm_init(&ip, model, (size_t)len, &ztflm_all_ops_resolver, &arena) ||
	    ztflm_allocate(&ip)) {
		fprintf(stderr, "bench_runner: %s\n", ztflm_last_error(&ip)->message);
		return 1;
	}
	for (int n = 0; n < invokes; n++) {
		for (uint32_t i = 0; i < ztflm_inputs_count(&ip); i++) {
			ztflm_input(&ip, i, &t);
			/* A fixed pattern; float inputs get small values, not NaNs. */
			for (uint32_t k = 0; k < t.bytes; k++) {
				((uint8_t *)t.data)[k] = (uint8_t)((k * 37u + 11u) & (t.type ? 0xFFu : 0x3Fu));
			}
		}
		if (ztflm_invoke(&ip)) {
			fprintf(stderr, "bench_runner: %s\n", ztflm_last_error(&ip)->message);
			return 1;
		}
	}
	printf("arena %u\n", ztflm_arena_used(&arena));
	return 0;
}
