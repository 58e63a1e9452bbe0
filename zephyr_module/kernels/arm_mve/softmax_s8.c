/*
 * SOFTMAX on int8 input (Helium): the row maximum with VMAXV over sixteen values at a time;
 * each exp() of a difference computed once (the reference computes it for the sum and again
 * for the output) in a stack block of up to EXP_CACHE values, then gemmlowp fixed point
 * exactly as TFLM, int8 or int16 out.
 */
#include <stdbool.h>

#include "arm_mve/mve.h"
#include "ops/softmax.h"

/* Rows up to this deep keep their exps (256 bytes of stack); deeper rows recompute them. */
#define EXP_CACHE 64

static int32_t row_max(const int8_t *x, uint32_t n)
{
#if ZTFLM_MVE_NATIVE
	int8_t max = INT8_MIN;
	uint32_t i = 0;

	for (; i + 16u <= n; i += 16u) {
		max = vmaxvq_s8(max, vldrbq_s8(x + i));
	}
	if (i < n) {
		/* Lanes past n load as INT8_MIN, which never raises the maximum. */
		const mve_pred16_t p = vctp8q(n - i);

		max = vmaxvq_s8(max, vpselq_s8(vldrbq_z_s8(x + i, p), vdupq_n_s8(INT8_MIN), p));
	}
	return max;
#else
	int32_t max = INT8_MIN;

	for (uint32_t i = 0; i < n; i++) {
		max = x[i] > max ? x[i] : max;
	}
	return max;
#endif
}

/* One row: exps (when cached) holds each value's exp, or 0 below diff_min. */
static void softmax_row(const struct ztflm_softmax_params *p, const int8_t *x, int32_t out_bits,
			int32_t out_min, int32_t out_max, int8_t *y8, int16_t *y16)
{
	const uint32_t n = (uint32_t)p->depth;
	const int32_t max = row_max(x, n);
	int32_t exps[EXP_CACHE];
	const int cached = n <= EXP_CACHE;
	int32_t sum = 0;
	int32_t bits_over_unit;

	for (uint32_t c = 0; c < n; c++) {
		const int32_t diff = x[c] - max;
		int32_t e = 0;

		if (diff >= p->diff_min) {
			e = ztflm_softmax_exp(p, diff);
			sum = ztflm_fp_add(sum, ztflm_fp_rescale(e, 0, ZTFLM_SOFTMAX_ACCUM_BITS));
		}
		if (cached) {
			exps[c] = e;
		}
	}
	const int32_t scale =
		ztflm_fp_get_reciprocal(sum, ZTFLM_SOFTMAX_ACCUM_BITS, &bits_over_unit);
	const int32_t exponent = bits_over_unit + 31 - out_bits;

	for (uint32_t c = 0; c < n; c++) {
		const int32_t diff = x[c] - max;
		int32_t v = out_min;

		if (diff >= p->diff_min) {
			v = ztflm_softmax_out(cached ? exps[c] : ztflm_softmax_exp(p, diff), scale,
					      exponent, out_min, out_max);
		}
		if (y8 != NULL) {
			y8[c] = (int8_t)v;
		} else {
			y16[c] = (int16_t)v;
		}
	}
}

/* Every row, to int8 (wide false) or int16 output. */
static int rows(struct ztflm_context *ctx, const struct ztflm_softmax_params *p, bool wide)
{
	const int8_t *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);

	for (int32_t i = 0; i < p->outer; i++) {
		const uint32_t at = (uint32_t)i * (uint32_t)p->depth;

		if (wide) {
			softmax_row(p, in + at, 16, INT16_MIN, INT16_MAX, NULL, (int16_t *)out + at);
		} else {
			softmax_row(p, in + at, 8, INT8_MIN, INT8_MAX, (int8_t *)out + at, NULL);
		}
	}
	return ZTFLM_OK;
}

static int s8_eval(struct ztflm_context *ctx, const void *params)
{
	return rows(ctx, params, false);
}

static int s8_s16_eval(struct ztflm_context *ctx, const void *params)
{
	return rows(ctx, params, true);
}

ZTFLM_VARIANT(softmax_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, s8_eval, NULL, NULL);
ZTFLM_VARIANT(softmax_s8_s16_arm_mve, ZTFLM_INT8, ZTFLM_INT16, s8_s16_eval, NULL, NULL);
