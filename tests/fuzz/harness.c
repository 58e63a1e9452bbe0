/* The run every fuzz target shares: a model through init, allocate and invoke, with counters. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/ztflm.h>

#define ARENA_SIZE (256u * 1024u)
#define CODES 256

static struct {
	uint64_t runs;
	uint64_t init_ok;
	uint64_t allocate_ok;
	uint64_t invoke_ok;
	uint64_t invoke_err;
	uint64_t node_ok[CODES];     /* nodes of each builtin code run by a successful invoke */
	uint64_t node_failed[CODES]; /* invokes that failed at a node of each builtin code */
	uint64_t allocate_failed[CODES];
} stats;

static void print_stats(void)
{
	fprintf(stderr, "ztflm-fuzz: runs %llu init_ok %llu allocate_ok %llu invoke_ok %llu "
		"invoke_err %llu\n", (unsigned long long)stats.runs,
		(unsigned long long)stats.init_ok, (unsigned long long)stats.allocate_ok,
		(unsigned long long)stats.invoke_ok, (unsigned long long)stats.invoke_err);
	for (int c = 0; c < CODES; c++) {
		if (stats.node_ok[c] || stats.node_failed[c] || stats.allocate_failed[c]) {
			fprintf(stderr, "ztflm-fuzz:   %-20s nodes run %llu, invoke failed here %llu, "
				"allocate failed here %llu\n", ztflm_builtin_name(c),
				(unsigned long long)stats.node_ok[c],
				(unsigned long long)stats.node_failed[c],
				(unsigned long long)stats.allocate_failed[c]);
		}
	}
}

static void count_code(uint64_t *table, int32_t code)
{
	if (code >= 0 && code < CODES) {
		table[code]++;
	}
}

static void fill_inputs(struct ztflm_interpreter *ip, const uint8_t *model, size_t size,
			enum fuzz_fill fill)
{
	struct ztflm_tensor t;
	uint32_t h = 2166136261u;

	if (fill == FUZZ_FILL_HASHED) {
		for (size_t k = 0; k < size; k++) {
			h = (h ^ model[k]) * 16777619u;
		}
	}
	for (uint32_t i = 0; i < ztflm_inputs_count(ip); i++) {
		if (ztflm_input(ip, i, &t) != ZTFLM_OK || !t.data) {
			continue;
		}
		if (fill == FUZZ_FILL_FIXED) {
			memset(t.data, (int)(i * 37u + 1u), t.bytes);
			continue;
		}
		for (uint32_t k = 0; k < t.bytes; k++) {
			h ^= h << 13;
			h ^= h >> 17;
			h ^= h << 5;
			((uint8_t *)t.data)[k] = (uint8_t)h;
		}
	}
}

void fuzz_run_model(const uint8_t *data, size_t size, enum fuzz_fill fill)
{
	static uint8_t arena_buf[ARENA_SIZE] __attribute__((aligned(16)));
	static int registered;
	struct ztflm_arena arena;
	struct ztflm_interpreter ip;
	struct ztflm_tensor t;
	/* The model must be 4-byte aligned and exactly size bytes, so overruns are caught. */
	uint8_t *model = malloc(size ? size : 1);

	if (!registered) {
		const char *env = getenv("ZTFLM_FUZZ_STATS");

		registered = 1;
		if (env && env[0] == '1') {
			atexit(print_stats);
		}
	}
	if (!model) {
		return;
	}
	memcpy(model, data, size);
	stats.runs++;
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, model, size, &ztflm_all_ops_resolver, &arena) != ZTFLM_OK) {
		goto out;
	}
	stats.init_ok++;
	if (ztflm_allocate(&ip) != ZTFLM_OK) {
		count_code(stats.allocate_failed, ztflm_last_error(&ip)->op);
		goto out;
	}
	stats.allocate_ok++;
	fill_inputs(&ip, model, size, fill);
	if (ztflm_invoke(&ip) == ZTFLM_OK) {
		stats.invoke_ok++;
		/* Once more from reset state (variable tensors zeroed, inputs set again). */
		if (ztflm_reset(&ip) != ZTFLM_OK) {
			abort();
		}
		fill_inputs(&ip, model, size, fill);
		if (ztflm_invoke(&ip) != ZTFLM_OK) {
			abort(); /* the same model and inputs cannot fail the second time */
		}
		for (uint32_t n = 0; n < ztflm_nodes_count(&ip); n++) {
			int32_t code, ni, no;
			const int32_t *in, *outs;

			if (ztflm_node(&ip, n, &code, &in, &ni, &outs, &no) == ZTFLM_OK) {
				count_code(stats.node_ok, code);
			}
		}
	} else {
		stats.invoke_err++;
		count_code(stats.node_failed, ztflm_last_error(&ip)->op);
	}
	for (uint32_t i = 0; i < ztflm_outputs_count(&ip); i++) {
		ztflm_output(&ip, i, &t);
	}
out:
	free(model);
}
