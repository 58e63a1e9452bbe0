/*
 * TRANSPOSE_CONV: parameters and compute variants. Inputs: the output shape, the OHWI filter,
 * the NHWC input, the optional bias. Each variant gathers an output element's terms in the
 * order TFLM's kernel scatters them (input row, column, channel ascending), which keeps float
 * sums bit-exact and needs none of TFLM's int32 scratch. The 16x8 variant (int16 input,
 * int64 accumulator and bias, an int16 bias widened) takes the same parameters and ranges,
 * and none of TFLM's int64 scratch either.
 */
#ifndef ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_
#define ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_

#include "ops/conv_common.h"

/*
 * Op data is this struct, then for quantized types the multipliers and shifts, output_c of
 * each when per_channel, else one (ops/conv_common.h).
 */
struct ztflm_transpose_conv_params {
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t input_c;
	int32_t filter_h;
	int32_t filter_w;
	int32_t output_h;
	int32_t output_w;
	int32_t output_c;
	int32_t stride_h;
	int32_t stride_w;
	int32_t pad_h; /**< output rows the window starts above the first */
	int32_t pad_w;
	int32_t input_offset;  /**< minus the input zero point */
	int32_t output_offset; /**< the output zero point */
	ZTFLM_CONV_KIND_FIELDS;
	union ztflm_act_range act;
};

/*
 * The input rows whose window covers output row o, first to last (none when first > last):
 * input row i covers output rows i * stride - pad to i * stride - pad + filter - 1.
 */
static inline void ztflm_transpose_conv_rows(int32_t o, int32_t pad, int32_t stride,
					     int32_t filter, int32_t in, int32_t *first,
					     int32_t *last)
{
	const int32_t t = o + pad;
	const int32_t hi = t / stride;

	*first = t >= filter ? (t - filter) / stride + 1 : 0;
	*last = hi < in - 1 ? hi : in - 1;
}

/** Input 3, the optional bias, during eval: NULL when the node has none. */
static inline const void *ztflm_transpose_conv_bias(const struct ztflm_context *ctx)
{
	return ztflm_has_input(ctx, 3) ? ztflm_input_data(ctx, 3) : NULL;
}

extern const struct ztflm_variant ztflm_transpose_conv_s8_ref;
extern const struct ztflm_variant ztflm_transpose_conv_s16_ref;
extern const struct ztflm_variant ztflm_transpose_conv_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_ */
