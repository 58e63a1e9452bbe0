/*
 * The plan on the target: tests/c/plan_check.h's invariants (no two live tensors share bytes,
 * everything in the head, the exact arena works and one byte less fails naming the size), with
 * kernels that do nothing and with the real ones, then every host vector run bit-exact inside
 * the exact arena.
 */
#include <zephyr/ztest.h>

#include <ztflm/op.h>

#include "common.h"
#include "plan_check.h"

static int nop_prepare(struct ztflm_context *ctx)
{
	ARG_UNUSED(ctx);
	return ZTFLM_OK;
}

static int nop_eval(struct ztflm_context *ctx)
{
	ARG_UNUSED(ctx);
	return ZTFLM_OK;
}

static const struct ztflm_op nop = {.prepare = nop_prepare, .eval = nop_eval};
static struct ztflm_op_registration nop_regs[256];
static struct ztflm_op_resolver nop_resolver = {nop_regs, 0};
static struct plan_life life[MAX_TENSORS];
static struct ztflm_interpreter ip;

static void *plan_setup(void)
{
	for (int32_t code = 0; code < 256; code++) {
		nop_regs[code].builtin_code = code;
		nop_regs[code].custom_name = NULL;
		nop_regs[code].op = &nop;
	}
	nop_resolver.count = 256;
	return NULL;
}

static void check_plan(const struct test_model *m, const struct ztflm_op_resolver *r)
{
	struct ztflm_arena arena;

	zassert_ok(plan_model(&ip, &arena, m, r, sizeof(big_arena)), "%s: %s", m->name,
		   ztflm_last_error(&ip)->message);
	zassert_true(ztflm_tensors_count(&ip) <= MAX_TENSORS, "%s: too many tensors", m->name);
	const uint32_t used = ztflm_arena_used(&arena);

	zassert_equal(plan_check_layout(m->name, &ip, &arena, life), 0, "%s: layout", m->name);
	zassert_equal(plan_check_exact(m->name, &ip, &arena, m->model, *m->model_len, r,
				       big_arena, used), 0,
		      "%s: exact arena of %u bytes", m->name, (unsigned int)used);
	TC_PRINT("%s: arena %u (head %u, tail %u)\n", m->name, (unsigned int)used,
		 (unsigned int)ztflm_head_bytes(&ip), (unsigned int)ztflm_tail_bytes(&ip));
}

ZTEST(ztflm_plan, test_plan_invariants_with_nop_kernels)
{
	for (uint32_t k = 0; k < test_models_count; k++) {
		check_plan(&test_models[k], &nop_resolver);
	}
}

ZTEST(ztflm_plan, test_plan_invariants_with_real_kernels)
{
	for (uint32_t k = 0; k < test_models_count; k++) {
		check_plan(&test_models[k], test_models[k].resolver);
	}
}

ZTEST(ztflm_plan, test_exact_arena_runs_every_vector_bit_exact_with_host)
{
	for (uint32_t k = 0; k < test_models_count; k++) {
		const struct test_model *m = &test_models[k];
		struct ztflm_arena arena;

		/* The host planned with this build's kernel overlay (ztflm convert --kernels):
		 * the model runs in exactly that many bytes on this 32-bit target. */
		zassert_ok(plan_model(&ip, &arena, m, m->resolver, m->host_arena), "%s: %s",
			   m->name, ztflm_last_error(&ip)->message);
		const uint32_t used = ztflm_arena_used(&arena);

		zassert_equal(used, m->host_arena, "%s: arena %u here, %u on the host", m->name,
			      (unsigned int)used, (unsigned int)m->host_arena);
		/* Leaves ip planned in exactly used bytes. */
		zassert_equal(plan_check_exact(m->name, &ip, &arena, m->model, *m->model_len, m->resolver,
					       big_arena, used),
			      0);
		for (uint32_t v = 0; v < m->vectors; v++) {
			expect_vector_bit_exact(&ip, m, v);
		}
		TC_PRINT("%s: %u vectors bit-exact in %u bytes (host %u)\n", m->name,
			 (unsigned int)m->vectors, (unsigned int)used, (unsigned int)m->host_arena);
	}
}

ZTEST_SUITE(ztflm_plan, NULL, plan_setup, NULL, NULL, NULL);
