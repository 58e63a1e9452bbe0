/*
 * CONFIG_ZTFLM_ARENA_SIZE from `west tflm-arena --kconfig`: a model the build did not convert
 * (bytes as they would come from a file system) runs in exactly that arena with every kernel
 * registered, and one byte less is refused with the size it needs.
 */
#include <zephyr/ztest.h>

#include <ztflm/ztflm.h>

static const uint8_t model[] __aligned(16) = {
#include "arena_model.inc"
};

static uint8_t arena_buf[CONFIG_ZTFLM_ARENA_SIZE] __aligned(ZTFLM_ARENA_ALIGN);
static struct ztflm_interpreter ip;

static int plan(uint32_t size)
{
	static struct ztflm_arena arena;

	ztflm_arena_init(&arena, arena_buf, size);
	int rc = ztflm_init(&ip, model, sizeof(model), &ztflm_all_ops_resolver, &arena);

	return rc ? rc : ztflm_allocate(&ip);
}

ZTEST(ztflm_arena_kconfig, test_model_runs_in_exactly_the_configured_arena)
{
	zassert_ok(plan(CONFIG_ZTFLM_ARENA_SIZE), "%s", ztflm_last_error(&ip)->message);
	zassert_ok(ztflm_invoke(&ip), "%s", ztflm_last_error(&ip)->message);
	TC_PRINT("arena %u bytes with the %s kernels\n", CONFIG_ZTFLM_ARENA_SIZE,
		 CONFIG_ZTFLM_KERNEL_OVERLAY);
}

ZTEST(ztflm_arena_kconfig, test_one_byte_less_is_refused_with_the_size_needed)
{
	zassert_equal(plan(CONFIG_ZTFLM_ARENA_SIZE - 1u), ZTFLM_ERR_ARENA);
	zassert_equal(ztflm_last_error(&ip)->needed, CONFIG_ZTFLM_ARENA_SIZE);
}

ZTEST_SUITE(ztflm_arena_kconfig, NULL, NULL, NULL, NULL, NULL);
