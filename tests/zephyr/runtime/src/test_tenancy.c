/*
 * Multi-tenancy on the target: two interpreters in one arena share the planned head, stack
 * their persistent tails, and stay bit-exact with the host when invoked alternately; a third
 * that does not fit fails cleanly and leaves the first two running.
 */
#include <zephyr/ztest.h>

#include "common.h"

static struct ztflm_interpreter ips[3];

static int add_tenant(struct ztflm_interpreter *ip, struct ztflm_arena *arena,
		      const struct test_model *m)
{
	const int rc = ztflm_init(ip, m->model, *m->model_len, m->resolver, arena);

	return rc ? rc : ztflm_allocate(ip);
}

static void two_tenants(const struct test_model *a, const struct test_model *b)
{
	struct ztflm_arena arena;
	uint32_t head[2];
	uint32_t tail[2];
	uint32_t alone[2];
	const struct test_model *m[2] = {a, b};

	for (int k = 0; k < 2; k++) {
		zassert_ok(plan_model(&ips[k], &arena, m[k], m[k]->resolver, sizeof(big_arena)));
		head[k] = ztflm_head_bytes(&ips[k]);
		tail[k] = ztflm_tail_bytes(&ips[k]);
		alone[k] = ztflm_arena_used(&arena);
	}
	const uint32_t bound = MAX(head[0], head[1]) + tail[0] + tail[1] + 16u;

	ztflm_arena_init(&arena, big_arena, bound);
	for (int k = 0; k < 2; k++) {
		zassert_ok(add_tenant(&ips[k], &arena, m[k]), "%s beside %s: %s", m[k]->name,
			   m[1 - k]->name, ztflm_last_error(&ips[k])->message);
	}
	const uint32_t shared = ztflm_arena_used(&arena);

	zassert_true(shared < alone[0] + alone[1], "shared %u, alone %u + %u",
		     (unsigned int)shared, (unsigned int)alone[0], (unsigned int)alone[1]);
	/* Exactly that many bytes hold both again. */
	ztflm_arena_init(&arena, big_arena, shared);
	for (int k = 0; k < 2; k++) {
		zassert_ok(add_tenant(&ips[k], &arena, m[k]), "%s in the exact shared arena: %s",
			   m[k]->name, ztflm_last_error(&ips[k])->message);
	}
	zassert_equal(ztflm_arena_used(&arena), shared);
	/*
	 * The host ran each model's vectors one after the other from a fresh state: each round
	 * starts from reset, and the tenants alternate vector by vector, so a stateful model
	 * whose state another tenant touched would differ.
	 */
	for (uint32_t round = 0; round < 2; round++) {
		for (int k = 0; k < 2; k++) {
			zassert_ok(ztflm_reset(&ips[k]));
		}
		for (uint32_t v = 0; v < MAX(m[0]->vectors, m[1]->vectors); v++) {
			for (int k = 0; k < 2; k++) {
				if (v < m[k]->vectors) {
					expect_vector_bit_exact(&ips[k], m[k], v);
				}
			}
		}
	}
	TC_PRINT("%s + %s: one arena of %u bytes (alone %u and %u)\n", a->name, b->name,
		 (unsigned int)shared, (unsigned int)alone[0], (unsigned int)alone[1]);

	/* A third tenant finds no room: a clean arena error, the others keep working. */
	const uint32_t tail_before = arena.tail_used;

	zassert_equal(add_tenant(&ips[2], &arena, m[0]), ZTFLM_ERR_ARENA);
	zassert_equal(arena.tail_used, tail_before, "a failed tenant kept tail bytes");
	for (int k = 1; k >= 0; k--) {
		zassert_ok(ztflm_reset(&ips[k]));
		expect_vector_bit_exact(&ips[k], m[k], 0);
	}
}

ZTEST(ztflm_tenancy, test_two_interpreters_share_one_arena_bit_exact)
{
	zassert_true(test_models_count >= 2);
	for (uint32_t k = 0; k + 1 < test_models_count; k++) {
		two_tenants(&test_models[k], &test_models[k + 1]);
	}
}

ZTEST_SUITE(ztflm_tenancy, NULL, NULL, NULL, NULL, NULL);
