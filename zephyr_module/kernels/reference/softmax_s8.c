/* SOFTMAX on int8 input (reference): gemmlowp fixed point exactly as TFLM, int8 or int16 out. */
#include "common/fixedpoint.h"
#include "ops/softmax.h"

#define SCALED_DIFF_BITS 5
#define ACCUM_BITS 12

struct row_scale {
	int32_t max;
	int32_t scale;    /* 1 / sum of exps, Q0 */
	int32_t exponent; /* shift to the output width; outside 0..31 every output is the minimum */
};

static inline int32_t exp_of_diff(const struct ztflm_softmax_params *p, int32_t diff)
{
	const int32_t scaled =
		ztflm_mbqm_greater_than_one(diff, p->input_multiplier, p->input_left_shift);

	return ztflm_fp_exp_on_negative_values(scaled, SCALED_DIFF_BITS);
}

/*
 * The row maximum. An overlay that only vectorizes it defines ZTFLM_SOFTMAX_S8_ROW_MAX to its
 * own function and includes this file, instead of copying the rest.
 */
#ifndef ZTFLM_SOFTMAX_S8_ROW_MAX
static int32_t row_max(const int8_t *x, int32_t depth)
{
	int32_t max = INT8_MIN;

	for (int32_t c = 0; c < depth; c++) {
		max = x[c] > max ? x[c] : max;
	}
	return max;
}
#define ZTFLM_SOFTMAX_S8_ROW_MAX row_max
#endif

static struct row_scale row_scale(const struct ztflm_softmax_params *p, const int8_t *x,
				  int32_t out_bits)
{
	struct row_scale r = {INT8_MIN, 0, 0};
	int32_t sum = 0;
	int32_t bits_over_unit;

	r.max = ZTFLM_SOFTMAX_S8_ROW_MAX(x, p->depth);
	for (int32_t c = 0; c < p->depth; c++) {
		if (x[c] - r.max >= p->diff_min) {
			sum = ztflm_fp_add(sum, ztflm_fp_rescale(exp_of_diff(p, x[c] - r.max), 0,
								 ACCUM_BITS));
		}
	}
	r.scale = ztflm_fp_get_reciprocal(sum, ACCUM_BITS, &bits_over_unit);
	r.exponent = bits_over_unit + 31 - out_bits;
	return r;
}

static inline int32_t output_of(const struct ztflm_softmax_params *p, const struct row_scale *r,
				int32_t x, int32_t out_min, int32_t out_max)
{
	const int32_t diff = x - r->max;

	if (diff < p->diff_min || r->exponent < 0 || r->exponent > 31) {
		return out_min;
	}
	const int32_t e = exp_of_diff(p, diff);
	const int32_t unsat = ztflm_rdbpot(ztflm_fp_mul(r->scale, e), r->exponent);

	return ztflm_clamp_i32(ztflm_fp_add(unsat, out_min), out_min, out_max);
}

void ztflm_softmax_s8(const struct ztflm_softmax_params *p, const int8_t *in, int8_t *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const int8_t *x = in + (uint32_t)i * (uint32_t)p->depth;
		int8_t *y = out + (uint32_t)i * (uint32_t)p->depth;
		const struct row_scale r = row_scale(p, x, 8);

		for (int32_t c = 0; c < p->depth; c++) {
			y[c] = (int8_t)output_of(p, &r, x[c], INT8_MIN, INT8_MAX);
		}
	}
}

void ztflm_softmax_s8_s16(const struct ztflm_softmax_params *p, const int8_t *in, int16_t *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const int8_t *x = in + (uint32_t)i * (uint32_t)p->depth;
		int16_t *y = out + (uint32_t)i * (uint32_t)p->depth;
		const struct row_scale r = row_scale(p, x, 16);

		for (int32_t c = 0; c < p->depth; c++) {
			y[c] = (int16_t)output_of(p, &r, x[c], INT16_MIN, INT16_MAX);
		}
	}
}
