/*
 * MUL of int8 tensors with broadcasting (Helium): four elements at a time, the product of
 * the offset inputs rescaled with VQRDMULH and a rounding shift as TFLM's
 * MultiplyByQuantizedMultiplier, plus the output zero point, clamped. An input broadcast
 * along the innermost dimension is duplicated; other strides go element by element.
 */
#include "arm_mve/mve.h"
#include "ops/mul.h"

static inline __attribute__((always_inline)) void
row(const struct ztflm_mul_params *p, const int8_t *x, uint32_t sa, const int8_t *y,
    uint32_t sb, uint32_t n, int8_t *out)
{
	if (sa > 1u || sb > 1u || p->act.q.min > p->act.q.max) {
		for (uint32_t i = 0; i < n; i++) {
			out[i] = (int8_t)ztflm_mul_q(p, x[i * sa], y[i * sb]);
		}
		return;
	}
	const ztflm_v4 xd = ztflm_v4_dup(x[0]);
	const ztflm_v4 yd = ztflm_v4_dup(y[0]);
	const ztflm_v4 m = ztflm_v4_dup(p->output_multiplier);
	const ztflm_v4 s = ztflm_v4_dup(p->output_shift);

	for (uint32_t i = 0; i < n; i += 4u) {
		const uint32_t k = n - i < 4u ? n - i : 4u;
		const ztflm_v4 vx = sa != 0u ? ztflm_v4_load_s8(x + i, k) : xd;
		const ztflm_v4 vy = sb != 0u ? ztflm_v4_load_s8(y + i, k) : yd;
		const ztflm_v4 prod = ztflm_v4_mul(ztflm_v4_add_n(vx, p->input1_offset),
						   ztflm_v4_add_n(vy, p->input2_offset));

		ztflm_v4_store_s8(out + i,
				  ztflm_v4_requant(prod, m, s, p->output_offset, p->act.q.min,
						   p->act.q.max),
				  k);
	}
}

static void mul_row(const void *params, const void *x, uint32_t sa, const void *y, uint32_t sb,
		    void *out, uint32_t n)
{
	/* A local copy: the int8 output stores cannot alias it, so its fields stay in registers. */
	const struct ztflm_mul_params p = *(const struct ztflm_mul_params *)params;

	row(&p, x, sa, y, sb, n, out);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_binary_eval(ctx, params, sizeof(struct ztflm_mul_params), 1u, 1u, mul_row);
}

ZTFLM_VARIANT(mul_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
