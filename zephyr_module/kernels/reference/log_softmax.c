/*
 * LOG_SOFTMAX, reference variants: float32 with the runtime's expf and logf (glibc's bits),
 * int8 on gemmlowp fixed point as TFLM's LogSoftmaxQuantized.
 */
#include <float.h>
#include <math.h>

#include "common/expf.h"
#include "common/fixedpoint.h"
#include "common/quant.h"
#include "common/logf.h"
#include "ops/log_softmax.h"

#define DIFF_BITS 5
#define ACCUM_BITS 12
#define OUTPUT_BITS 4

static int log_softmax_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_log_softmax_params *p = params;
	const float *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);

	for (uint32_t r = 0; r < p->rows.outer; r++, in += p->rows.depth) {
		float max = -FLT_MAX;
		float sum = 0.0f;

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			max = max < in[c] ? in[c] : max; /* std::max: NaN never wins */
		}
		for (uint32_t c = 0; c < p->rows.depth; c++) {
			const float e = ztflm_expf(in[c] - max);

			/* A NaN sum keeps the first NaN's payload, as TFLM's x86 build does. */
			sum = ztflm_add_f32(sum, e);
		}
		const float log_sum = ztflm_logf(sum);

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			*out++ = in[c] - max - log_sum;
		}
	}
	return ZTFLM_OK;
}

static int log_softmax_s8(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_log_softmax_params *p = params;
	const int8_t *in = ztflm_input_data(ctx, 0);
	int8_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t r = 0; r < p->rows.outer; r++, in += p->rows.depth) {
		int32_t max = INT8_MIN;
		int32_t sum = 0; /* Q12.19 */

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			max = in[c] > max ? in[c] : max;
		}
		for (uint32_t c = 0; c < p->rows.depth; c++) {
			const int32_t diff = in[c] - max;

			if (diff >= p->diff_min) {
				const int32_t q5 = ztflm_mbqm(diff, p->input_multiplier,
							      p->input_left_shift);
				const int32_t e = ztflm_fp_exp_on_negative_values(q5, DIFF_BITS);

				sum = ztflm_fp_add(sum, ztflm_fp_rescale(e, 0, ACCUM_BITS));
			}
		}
		const int32_t log_sum = ztflm_fp_log_x_ge_1(sum, ACCUM_BITS, DIFF_BITS);
		/* The smallest difference whose output stays above the Q5.26 range's bottom. */
		const int32_t bound = ztflm_mbqm(ztflm_fp_add(log_sum, INT32_MIN),
						 p->reverse_multiplier, p->reverse_shift);
		const int32_t adjusted_diff_min = p->diff_min - 1 > bound ? p->diff_min - 1 : bound;

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			const int32_t diff = in[c] - max;
			int32_t q = INT8_MIN;

			if (diff > adjusted_diff_min) {
				const int32_t q5 = ztflm_mbqm(diff, p->input_multiplier,
							      p->input_left_shift);

				q = ztflm_rdbpot(ztflm_fp_sub(q5, log_sum),
						 31 - DIFF_BITS - OUTPUT_BITS) + INT8_MAX;
				q = ztflm_clamp_i32(q, INT8_MIN, INT8_MAX);
			}
			*out++ = (int8_t)q;
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(log_softmax_s8_ref, ZTFLM_INT8, ZTFLM_INT8, log_softmax_s8, NULL, NULL);
ZTFLM_VARIANT(log_softmax_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, log_softmax_f32, NULL, NULL);
