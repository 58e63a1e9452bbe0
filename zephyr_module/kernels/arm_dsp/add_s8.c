/*
 * ADD of int8 tensors with broadcasting (Arm DSP extension): TFLM's general quantized path
 * (both inputs to a common scale, then to the output's) with every per-call value hoisted
 * out of the element loop, the doubling high multiply as one SMLAL with its rounding, and
 * SSAT when the activation range is the whole int8 range. A multiplier of INT32_MIN, the one
 * case where gemmlowp's multiply saturates, takes the reference kernel.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "ops/add_sub.h"

/* gemmlowp SaturatingRoundingDoublingHighMul for b != INT32_MIN (it cannot saturate then). */
static inline int32_t srdhm(int32_t a, int32_t b)
{
	return (int32_t)(((int64_t)a * b + ((int64_t)1 << 30)) >> 31);
}

/* gemmlowp RoundingDivideByPOT with the mask (1 << exponent) - 1 precomputed. */
static inline int32_t rdbpot(int32_t x, int32_t exponent, int32_t mask)
{
	const int32_t threshold = (mask >> 1) + (int32_t)((uint32_t)x >> 31);

	return (x >> exponent) + ((x & mask) > threshold ? 1 : 0);
}

struct add_q {
	int32_t off1;
	int32_t off2;
	int32_t left;
	int32_t m1;
	int32_t r1;
	int32_t k1;
	int32_t m2;
	int32_t r2;
	int32_t k2;
	int32_t mo;
	int32_t ro;
	int32_t ko;
	int32_t out_offset;
};

static inline int32_t add_raw(const struct add_q *q, int32_t x, int32_t y)
{
	const int32_t s1 = (int32_t)((uint32_t)(q->off1 + x) << q->left);
	const int32_t s2 = (int32_t)((uint32_t)(q->off2 + y) << q->left);
	const int32_t a = rdbpot(srdhm(s1, q->m1), q->r1, q->k1);
	const int32_t b = rdbpot(srdhm(s2, q->m2), q->r2, q->k2);

	return rdbpot(srdhm(a + b, q->mo), q->ro, q->ko) + q->out_offset;
}

/* One innermost run of n elements, input strides sa and sb (0 or 1). */
__attribute__((noinline)) static void add_run(const struct add_q *restrict qp,
					      const int8_t *restrict x, uint32_t sa,
					      const int8_t *restrict y, uint32_t sb, uint32_t n,
					      int32_t lo, int32_t hi, int8_t *restrict out)
{
	const struct add_q q = *qp;

	if (lo == INT8_MIN && hi == INT8_MAX) {
		for (uint32_t i = 0; i < n; i++) {
			out[i] = (int8_t)ztflm_dsp_ssat(add_raw(&q, *x, *y), 8);
			x += sa;
			y += sb;
		}
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		int32_t v = add_raw(&q, *x, *y);

		v = v < lo ? lo : v;
		out[i] = (int8_t)(v > hi ? hi : v);
		x += sa;
		y += sb;
	}
}

/* The reference kernel, compiled here under another name, for the saturating multiplier. */
void ztflm_add_s8_reference(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
			    const int8_t *in1, const int8_t *in2, int8_t *out);
#define ztflm_add_s8 ztflm_add_s8_reference
#include "reference/add_s8.c"
#undef ztflm_add_s8

void ztflm_add_s8(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out)
{
	const uint32_t ndims = b->ndims;

	if (ndims == 0) {
		return;
	}
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint32_t n = d[0].count;
	const uint32_t sa = d[0].a_stride;
	const uint32_t sb = d[0].b_stride;
	if (p->input1_multiplier == INT32_MIN || p->input2_multiplier == INT32_MIN ||
	    p->output_multiplier == INT32_MIN) {
		ztflm_add_s8_reference(p, b, in1, in2, out);
		return;
	}
	const struct add_q q = {
		.off1 = p->input1_offset,
		.off2 = p->input2_offset,
		.left = p->left_shift,
		.m1 = p->input1_multiplier,
		.r1 = -p->input1_shift,
		.k1 = (int32_t)((1u << -p->input1_shift) - 1u),
		.m2 = p->input2_multiplier,
		.r2 = -p->input2_shift,
		.k2 = (int32_t)((1u << -p->input2_shift) - 1u),
		.mo = p->output_multiplier,
		.ro = -p->output_shift,
		.ko = (int32_t)((1u << -p->output_shift) - 1u),
		.out_offset = p->output_offset,
	};
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	do {
		const int8_t *x = in1 + ia;
		const int8_t *y = in2 + ib;

		add_run(&q, x, sa, y, sb, n, p->act.q.min, p->act.q.max, out);
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
