/*
 * MUL of int8 tensors with broadcasting (Helium): four elements at a time, the product of
 * the offset inputs rescaled with VQRDMULH and a rounding shift as TFLM's
 * MultiplyByQuantizedMultiplier, plus the output zero point, clamped. An input broadcast
 * along the innermost dimension is duplicated; other strides go element by element.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "ops/mul.h"

/* The reference kernel's arithmetic for one element. */
static inline int8_t one(const struct ztflm_mul_params *p, int32_t x, int32_t y)
{
	const int32_t prod = (p->input1_offset + x) * (p->input2_offset + y);
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t raw = (int32_t)((uint32_t)p->output_offset +
				      (uint32_t)ztflm_mbqm(prod, p->output_multiplier,
							   p->output_shift));

	return (int8_t)ztflm_clamp_i32(raw, p->act.q.min, p->act.q.max);
}

static inline __attribute__((always_inline)) void
row(const struct ztflm_mul_params *p, const int8_t *x, uint32_t sa, const int8_t *y,
    uint32_t sb, uint32_t n, int8_t *out)
{
	if (sa > 1u || sb > 1u || p->act.q.min > p->act.q.max) {
		for (uint32_t i = 0; i < n; i++) {
			out[i] = one(p, x[i * sa], y[i * sb]);
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

void ztflm_mul_s8(const struct ztflm_mul_params *params, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out)
{
	/* A local copy: the int8 output stores cannot alias it, so its fields stay in registers. */
	const struct ztflm_mul_params copy = *params;
	const struct ztflm_mul_params *p = &copy;
	const uint32_t ndims = b->ndims;

	if (ndims == 0) {
		return;
	}
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint32_t n = d[0].count;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	do {
		row(p, in1 + ia, d[0].a_stride, in2 + ib, d[0].b_stride, n, out);
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
