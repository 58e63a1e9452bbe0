/* Error codes on the target: an op the resolver lacks, an arena too small, calls out of order. */
#include <string.h>

#include <zephyr/ztest.h>

#include "common.h"

#define MAX_OPS 32u

static struct ztflm_interpreter ip;

ZTEST(ztflm_errors, test_unregistered_op_fails_at_init_naming_op_and_node)
{
	static struct ztflm_op_registration regs[MAX_OPS];

	for (uint32_t k = 0; k < test_models_count; k++) {
		const struct test_model *m = &test_models[k];
		const struct ztflm_op_resolver *full = m->resolver;
		struct ztflm_op_resolver partial = {regs, 0};
		struct ztflm_arena arena;

		zassert_true(full->count >= 1 && full->count <= MAX_OPS);
		/* Every registration but the first: the model uses that op, nobody provides it. */
		memcpy(regs, full->ops + 1, (full->count - 1) * sizeof(regs[0]));
		partial.count = full->count - 1;
		const int32_t missing = full->ops[0].builtin_code;
		const char *name = ztflm_builtin_name(missing);

		ztflm_arena_init(&arena, big_arena, sizeof(big_arena));
		zassert_equal(ztflm_init(&ip, m->model, *m->model_len, &partial, &arena),
			      ZTFLM_ERR_UNSUPPORTED, "%s", m->name);
		const struct ztflm_error *e = ztflm_last_error(&ip);

		zassert_equal(e->code, ZTFLM_ERR_UNSUPPORTED);
		zassert_equal(e->op, missing, "%s: error names op %d, not %d", m->name, e->op,
			      missing);
		zassert_true(e->node >= 0, "%s: no node in the error", m->name);
		zassert_not_null(strstr(e->message, name), "%s: '%s' does not name %s", m->name,
				 e->message, name);
		TC_PRINT("%s: %s\n", m->name, e->message);
		zassert_equal(ztflm_allocate(&ip), ZTFLM_ERR_STATE, "allocate after a failed init");
	}
}

ZTEST(ztflm_errors, test_arena_too_small_is_an_arena_error_with_the_size_needed)
{
	for (uint32_t k = 0; k < test_models_count; k++) {
		const struct test_model *m = &test_models[k];
		struct ztflm_arena arena;

		zassert_ok(plan_model(&ip, &arena, m, m->resolver, sizeof(big_arena)));
		const uint32_t used = ztflm_arena_used(&arena);
		const uint32_t sizes[] = {64u, used / 2u, used - 16u};

		for (uint32_t s = 0; s < ARRAY_SIZE(sizes); s++) {
			const int rc = plan_model(&ip, &arena, m, m->resolver, sizes[s]);
			const struct ztflm_error *e = ztflm_last_error(&ip);

			zassert_equal(rc, ZTFLM_ERR_ARENA, "%s in %u bytes: %d", m->name,
				      (unsigned int)sizes[s], rc);
			zassert_equal(e->code, ZTFLM_ERR_ARENA);
			/* needed is the exact size once the plan is known, else 0 or a lower bound */
			zassert_true(e->needed == 0 || (e->needed > sizes[s] && e->needed <= used),
				     "%s in %u bytes: needed %u (exact %u)", m->name,
				     (unsigned int)sizes[s], (unsigned int)e->needed,
				     (unsigned int)used);
			zassert_equal(ztflm_invoke(&ip), ZTFLM_ERR_STATE, "invoke after a failure");
		}
	}
}

ZTEST(ztflm_errors, test_invoke_before_allocate_is_a_state_error)
{
	const struct test_model *m = &test_models[0];
	struct ztflm_arena arena;

	ztflm_arena_init(&arena, big_arena, sizeof(big_arena));
	zassert_ok(ztflm_init(&ip, m->model, *m->model_len, m->resolver, &arena));
	zassert_equal(ztflm_invoke(&ip), ZTFLM_ERR_STATE);
	zassert_equal(ztflm_last_error(&ip)->code, ZTFLM_ERR_STATE);
}

ZTEST(ztflm_errors, test_truncated_model_is_a_model_error)
{
	const struct test_model *m = &test_models[0];
	struct ztflm_arena arena;

	ztflm_arena_init(&arena, big_arena, sizeof(big_arena));
	zassert_equal(ztflm_init(&ip, m->model, *m->model_len / 2u, m->resolver, &arena),
		      ZTFLM_ERR_MODEL, "%s", ztflm_last_error(&ip)->message);
}

ZTEST_SUITE(ztflm_errors, NULL, NULL, NULL, NULL, NULL);
