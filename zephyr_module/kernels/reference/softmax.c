/*
 * SOFTMAX, reference variants: int8 input in gemmlowp fixed point exactly as TFLM (one body
 * for int8 and int16 output), int16 through TFLM's two tables, float32 with expf in TFLM's
 * order.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>

#include "common/expf.h"
#include "common/lut16.h"
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

static inline int16_t sat_s16(int32_t x)
{
	return (int16_t)(x < INT16_MIN ? INT16_MIN : x > INT16_MAX ? INT16_MAX : x);
}

/*
 * TFLM's SoftmaxInt16: exps from the exp table on differences scaled to [-10, 0] (held in the
 * output row meanwhile, as TFLM does), their sum's reciprocal from the 1/(1 + x) table.
 */
static int s16_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_softmax_params *p = params;
	const int16_t *exp_lut = ztflm_softmax_luts(p);
	const int16_t *recip_lut = exp_lut + ZTFLM_LUT16_SIZE;
	const int16_t *in = ztflm_input_data(ctx, 0);
	int16_t *out = ztflm_output_data(ctx, 0);
	const uint32_t depth = (uint32_t)p->depth;

	for (int32_t i = 0; i < p->outer; i++, in += depth, out += depth) {
		int32_t max = INT16_MIN;
		int32_t sum = 0; /* parse keeps it below 2^31 */

		for (uint32_t c = 0; c < depth; c++) {
			max = in[c] > max ? in[c] : max;
		}
		for (uint32_t c = 0; c < depth; c++) {
			const int32_t scaled =
				ztflm_mbqm(in[c] - max, p->input_multiplier, p->input_left_shift);

			/* Recentred to int16; wraps as TFLM's int32 sum would, on hostile scales. */
			out[c] = ztflm_lut16_lookup(sat_s16((int32_t)((uint32_t)scaled + 32767u)),
						    exp_lut);
			sum += out[c];
		}
		/* sum >= the maximum's exp (about 32767) and < 2^31: headroom is 1..17 bits. */
		const int32_t headroom = __builtin_clz((uint32_t)sum);
		const int32_t shifted = (int32_t)((((int64_t)sum << (headroom - 1)) + (1 << 13)) >> 14);
		const int16_t recip =
			ztflm_lut16_lookup(sat_s16(shifted - ((1 << 15) + (1 << 16))), recip_lut);
		const int32_t right = 31 - headroom;
		const int64_t round = (int64_t)1 << (right - 1);

		for (uint32_t c = 0; c < depth; c++) {
			const int32_t r = (int32_t)(((int64_t)out[c] * recip + round) >> right);

			out[c] = (int16_t)(r < 0 ? 0 : r > INT16_MAX ? INT16_MAX : r);
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(softmax_s16_ref, ZTFLM_INT16, ZTFLM_INT16, s16_eval, NULL, NULL);

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
