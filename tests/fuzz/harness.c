/* The run every fuzz target shares: a model through init, allocate and invoke, with counters. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ztflm/kernel.h>
#include <ztflm/op.h>
#include <ztflm/resolver.h>
#include <ztflm/ztflm.h>

#define ARENA_SIZE (256u * 1024u)
#define CODES 256

static struct {
	uint64_t runs;
	uint64_t init_ok;
	uint64_t prepared;    /* runs in which a kernel's prepare ran */
	uint64_t allocate_ok;
	uint64_t evaluated;   /* runs in which a kernel's eval ran */
	uint64_t invoke_ok;
	uint64_t invoke_err;
	uint64_t node_ok[CODES];     /* nodes of each builtin code run by a successful invoke */
	uint64_t node_failed[CODES]; /* invokes that failed at a node of each builtin code */
	uint64_t allocate_failed[CODES];
} stats;

/* Whether the current run reached a prepare and an eval (set by the counting kernel). */
static int run_prepared;
static int run_evaluated;

static double share(uint64_t n)
{
	return stats.runs ? 100.0 * (double)n / (double)stats.runs : 0.0;
}

static void print_stats(void)
{
	fprintf(stderr, "ztflm-fuzz: runs %llu, init ok %llu (%.1f%%), reached prepare %llu "
		"(%.1f%%), allocate ok %llu (%.1f%%), reached invoke %llu (%.1f%%), invoke ok "
		"%llu (%.1f%%), invoke failed %llu\n", (unsigned long long)stats.runs,
		(unsigned long long)stats.init_ok, share(stats.init_ok),
		(unsigned long long)stats.prepared, share(stats.prepared),
		(unsigned long long)stats.allocate_ok, share(stats.allocate_ok),
		(unsigned long long)stats.evaluated, share(stats.evaluated),
		(unsigned long long)stats.invoke_ok, share(stats.invoke_ok),
		(unsigned long long)stats.invoke_err);
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

/*
 * Every operator of the build behind a copy of its descriptor whose prepare and eval note, per
 * run, that they ran. The builtin code, or a custom operator's name (the copy keeps it),
 * finds the operator; the copy keeps its parse and variants for the generic prepare.
 */
static const struct ztflm_op *real_op(const struct ztflm_context *ctx)
{
	const char *custom = ctx->desc->custom_name;
	const struct ztflm_op *op = ztflm_resolve(&ztflm_all_ops_resolver, ctx->op, custom,
						  custom ? (uint32_t)strlen(custom) : 0u);

	if (!op) {
		fprintf(stderr, "ztflm-fuzz: no operator for builtin %d\n", (int)ctx->op);
		abort();
	}
	return op;
}

static int counting_prepare(struct ztflm_context *ctx)
{
	run_prepared = 1;
	return real_op(ctx)->prepare(ctx);
}

/*
 * A WHILE whose condition never turns false loops forever, in TFLM too: a valid model, not a
 * finding. The harness ends such an invoke after FUZZ_MAX_EVALS evals with an error, which
 * the loop hands up like any eval's.
 */
#define FUZZ_MAX_EVALS 100000u
static uint32_t run_evals;

static int counting_eval(struct ztflm_context *ctx)
{
	run_evaluated = 1;
	if (++run_evals > FUZZ_MAX_EVALS) {
		return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "more than %u evals in one invoke",
				  FUZZ_MAX_EVALS);
	}
	return real_op(ctx)->eval(ctx);
}

static struct ztflm_op counting[CODES];
static struct ztflm_op_registration counting_ops[CODES];
static struct ztflm_op_resolver counting_resolver = {counting_ops, 0};

static void make_counting_resolver(void)
{
	const struct ztflm_op_resolver *all = &ztflm_all_ops_resolver;

	for (uint32_t i = 0; i < all->count && i < CODES; i++) {
		counting[i] = *all->ops[i].op;
		counting[i].prepare = counting_prepare;
		counting[i].eval = counting_eval;
		counting_ops[i] = all->ops[i];
		counting_ops[i].op = &counting[i];
	}
	counting_resolver.count = all->count < CODES ? all->count : CODES;
}

/* A message is one line of printable ASCII, whatever strings the model holds. */
static void check_message(const struct ztflm_interpreter *ip)
{
	for (const char *c = ztflm_last_error(ip)->message; *c; c++) {
		if (*c < 0x20 || *c > 0x7e) {
			fprintf(stderr, "ztflm-fuzz: error message holds byte 0x%02x: %s\n",
				(unsigned)(uint8_t)*c, ztflm_last_error(ip)->message);
			abort();
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
		make_counting_resolver();
		if (env && env[0] == '1') {
			atexit(print_stats);
		}
	}
	if (!model) {
		return;
	}
	memcpy(model, data, size);
	stats.runs++;
	run_prepared = run_evaluated = 0;
	ztflm_arena_init(&arena, arena_buf, sizeof(arena_buf));
	if (ztflm_init(&ip, model, size, &counting_resolver, &arena) != ZTFLM_OK) {
		check_message(&ip);
		goto out;
	}
	stats.init_ok++;
	if (ztflm_allocate(&ip) != ZTFLM_OK) {
		check_message(&ip);
		count_code(stats.allocate_failed, ztflm_last_error(&ip)->op);
		goto out;
	}
	stats.allocate_ok++;
	/* As an application does (the README's memcpy into in.data): the inputs it is given. */
	fill_inputs(&ip, model, size, fill);
	run_evals = 0;
	if (ztflm_invoke(&ip) == ZTFLM_OK) {
		stats.invoke_ok++;
		/* Once more from reset state (variable tensors zeroed, inputs set again). */
		if (ztflm_reset(&ip) != ZTFLM_OK) {
			abort();
		}
		fill_inputs(&ip, model, size, fill);
		run_evals = 0;
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
		check_message(&ip);
		stats.invoke_err++;
		count_code(stats.node_failed, ztflm_last_error(&ip)->op);
	}
	for (uint32_t i = 0; i < ztflm_outputs_count(&ip); i++) {
		ztflm_output(&ip, i, &t);
	}
out:
	stats.prepared += (uint64_t)run_prepared;
	stats.evaluated += (uint64_t)run_evaluated;
	/* The model is read-only (flash on a device): neither the runtime nor an application
	 * writing the inputs it was given may change it. */
	if (memcmp(model, data, size) != 0) {
		fprintf(stderr, "ztflm-fuzz: the model's bytes changed during the run\n");
		abort();
	}
	free(model);
}
