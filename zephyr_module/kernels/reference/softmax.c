/*
 * SOFTMAX, reference variants: int8 input in gemmlowp fixed point exactly as TFLM (one body
 * for int8 and int16 output), float32 with expf in TFLM's order.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>

#include "common/expf.h"
#include "ops/softmax.h"

static int32_t row_max_s8(const int8_t *x, int32_t depth)
{
	int32_t max = INT8_MIN;

	for (int32_t c = 0; c < depth; c++) {
		max = x[c] > max ? x[c] : max;
	}
	return max;
}

/* What a row's outputs share: its maximum, the reciprocal of its exp sum, the output shift. */
struct row_scale {
	int32_t max;
	int32_t scale;
	int32_t exponent;
};

static struct row_scale row_scale(const struct ztflm_softmax_params *p, const int8_t *x,
				  int32_t max, int32_t out_bits)
{
	struct row_scale r = {max, 0, 0};
	int32_t sum = 0;
	int32_t bits_over_unit;

	for (int32_t c = 0; c < p->depth; c++) {
		if (x[c] - max >= p->diff_min) {
			sum = ztflm_fp_add(sum, ztflm_fp_rescale(ztflm_softmax_exp(p, x[c] - max), 0,
								 ZTFLM_SOFTMAX_ACCUM_BITS));
		}
	}
	r.scale = ztflm_fp_get_reciprocal(sum, ZTFLM_SOFTMAX_ACCUM_BITS, &bits_over_unit);
	r.exponent = bits_over_unit + 31 - out_bits;
	return r;
}

/* Every row of an int8 input, to int8 (wide false) or int16 output. */
static inline __attribute__((always_inline)) void
rows_s8(const struct ztflm_softmax_params *p, const int8_t *in, void *out, bool wide,
	ztflm_softmax_row_max row_max)
{
	const int32_t out_min = wide ? INT16_MIN : INT8_MIN;
	const int32_t out_max = wide ? INT16_MAX : INT8_MAX;

	for (int32_t i = 0; i < p->outer; i++) {
		const uint32_t at = (uint32_t)i * (uint32_t)p->depth;
		const int8_t *x = in + at;
		const struct row_scale r = row_scale(p, x, row_max(x, p->depth), wide ? 16 : 8);

		for (int32_t c = 0; c < p->depth; c++) {
			const int32_t diff = x[c] - r.max;
			const int32_t v = diff < p->diff_min
						  ? out_min
						  : ztflm_softmax_out(ztflm_softmax_exp(p, diff), r.scale,
								      r.exponent, out_min, out_max);

			if (wide) {
				((int16_t *)out)[at + (uint32_t)c] = (int16_t)v;
			} else {
				((int8_t *)out)[at + (uint32_t)c] = (int8_t)v;
			}
		}
	}
}

void ztflm_softmax_s8_rows(const struct ztflm_softmax_params *p, const int8_t *in, int8_t *out,
			   ztflm_softmax_row_max row_max)
{
	rows_s8(p, in, out, false, row_max);
}

void ztflm_softmax_s8_s16_rows(const struct ztflm_softmax_params *p, const int8_t *in,
			       int16_t *out, ztflm_softmax_row_max row_max)
{
	rows_s8(p, in, out, true, row_max);
}

ZTFLM_SOFTMAX_S8_VARIANTS(ref, row_max_s8);

/* expf with the oracle's (glibc's) bits on every target, then division by the sum. */
static int f32_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_softmax_params *p = params;
	const float *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);

	for (int32_t i = 0; i < p->outer; i++) {
		const float *x = in + (uint32_t)i * (uint32_t)p->depth;
		float *y = out + (uint32_t)i * (uint32_t)p->depth;
		float max = -FLT_MAX;
		float sum = 0.0f;

		for (int32_t c = 0; c < p->depth; c++) {
			max = max < x[c] ? x[c] : max;
		}
		for (int32_t c = 0; c < p->depth; c++) {
			const float e = ztflm_expf((x[c] - max) * p->beta);

			y[c] = e;
			/*
			 * Once the sum is NaN it keeps its own payload, as TFLM's x86 build does;
			 * the compiler may otherwise pick either NaN operand of the addition.
			 */
			if (!isnan(sum)) {
				sum += e;
			}
		}
		for (int32_t c = 0; c < p->depth; c++) {
			y[c] = y[c] / sum;
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(softmax_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, f32_eval, NULL, NULL);
