/* Helpers shared by the runtime suites. */
#include <string.h>

#include <zephyr/ztest.h>

#include "common.h"

uint8_t big_arena[BIG_ARENA_BYTES] __aligned(16);

int plan_model(struct ztflm_interpreter *ip, struct ztflm_arena *arena, const struct test_model *m,
	       const struct ztflm_op_resolver *r, uint32_t size)
{
	int rc;

	ztflm_arena_init(arena, big_arena, size);
	rc = ztflm_init(ip, m->model, *m->model_len, r, arena);
	return rc ? rc : ztflm_allocate(ip);
}

void expect_vector_bit_exact(struct ztflm_interpreter *ip, const struct test_model *m, uint32_t k)
{
	const uint8_t *in = m->inputs + k * m->input_bytes;
	const uint8_t *expected = m->outputs + k * m->output_bytes;
	struct ztflm_tensor t;
	uint32_t off = 0;

	for (uint32_t i = 0; i < ztflm_inputs_count(ip); i++) {
		zassert_ok(ztflm_input(ip, i, &t));
		zassert_true(off + t.bytes <= m->input_bytes, "%s: inputs larger than the vector",
			     m->name);
		memcpy(t.data, in + off, t.bytes);
		off += t.bytes;
	}
	zassert_ok(ztflm_invoke(ip), "%s: %s", m->name, ztflm_last_error(ip)->message);
	off = 0;
	for (uint32_t i = 0; i < ztflm_outputs_count(ip); i++) {
		zassert_ok(ztflm_output(ip, i, &t));
		zassert_true(off + t.bytes <= m->output_bytes, "%s: outputs larger than the vector",
			     m->name);
		zassert_mem_equal(t.data, expected + off, t.bytes,
				  "%s vector %u output %u differs from the host runner", m->name,
				  (unsigned int)k, (unsigned int)i);
		off += t.bytes;
	}
	zassert_equal(off, m->output_bytes, "%s: output bytes", m->name);
}
