/*
 * L2_NORMALIZATION, reference variants: float32 as TFLM (the squares summed in order, the
 * norm at least 1e-6), int8 by TFLM's fixed-point inverse square root.
 */
#include <math.h>

#include "common/fixedpoint.h"
#include "common/quant.h"
#include "ops/l2_normalization.h"

static int l2_normalization_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_l2_normalization_params *p = params;
	const float *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);

	for (uint32_t r = 0; r < p->rows.outer; r++, in += p->rows.depth) {
		float squares = 0.0f;

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			/* A NaN sum keeps the first NaN's payload, as TFLM's x86 build does. */
			squares = ztflm_add_f32(squares, in[c] * in[c]);
		}
		float norm = sqrtf(squares);

		norm = norm < 1e-6f ? 1e-6f : norm;
		for (uint32_t c = 0; c < p->rows.depth; c++) {
			*out++ = in[c] / norm;
		}
	}
	return ZTFLM_OK;
}

static int l2_normalization_s8(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_l2_normalization_params *p = params;
	const int8_t *in = ztflm_input_data(ctx, 0);
	int8_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t r = 0; r < p->rows.outer; r++, in += p->rows.depth) {
		uint32_t squares = 0; /* wraps, as TFLM's int32 sum of a long row does */
		int32_t multiplier;
		int32_t shift;

		for (uint32_t c = 0; c < p->rows.depth; c++) {
			const int32_t v = in[c] - p->input_zero_point;

			squares += (uint32_t)(v * v);
		}
		ztflm_fp_inv_sqrt((int32_t)squares, &multiplier, &shift);
		for (uint32_t c = 0; c < p->rows.depth; c++) {
			/* The output in steps of 1/128: 7 more bits of left shift. */
			const int32_t q = ztflm_mbqm(in[c] - p->input_zero_point, multiplier, shift + 7);

			*out++ = (int8_t)ztflm_clamp_i32(q, INT8_MIN, INT8_MAX);
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(l2_normalization_s8_ref, ZTFLM_INT8, ZTFLM_INT8, l2_normalization_s8, NULL, NULL);
ZTFLM_VARIANT(l2_normalization_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, l2_normalization_f32, NULL,
	      NULL);
