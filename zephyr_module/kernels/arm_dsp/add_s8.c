/*
 * ADD of int8 tensors with broadcasting (Arm DSP extension): TFLM's general quantized path
 * (both inputs to a common scale, then to the output's) with every per-call value hoisted
 * out of the element loop, the doubling high multiply as one SMLAL with its rounding, and
 * SSAT when the activation range is the whole int8 range.
 */
#include "arm_dsp/dsp.h"
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
static void add_row(const void *params, const void *x_, uint32_t sa, const void *y_, uint32_t sb,
		    void *out_, uint32_t n)
{
	const struct ztflm_add_sub_params *p = params;
	const int8_t *restrict x = x_;
	const int8_t *restrict y = y_;
	int8_t *restrict out = out_;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;
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

/* A multiplier of INT32_MIN, the one case where gemmlowp's multiply saturates, is left to the
 * reference variant. */
static bool can_run(const void *params)
{
	const struct ztflm_add_sub_params *p = params;

	return p->input1_multiplier != INT32_MIN && p->input2_multiplier != INT32_MIN &&
	       p->output_multiplier != INT32_MIN;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_binary_eval(ctx, params, sizeof(struct ztflm_add_sub_params), 1u, 1u,
				 add_row);
}

ZTFLM_VARIANT(add_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, NULL);
