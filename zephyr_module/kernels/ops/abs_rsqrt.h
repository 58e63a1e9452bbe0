/* ABS and RSQRT: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_ABS_RSQRT_H_
#define ZTFLM_KERNELS_OPS_ABS_RSQRT_H_

#include <stdint.h>

#include "ops/unary.h"

/*
 * Quantized ABS: |x - zp_in|, rescaled by s_in / s_out when the scales differ, plus zp_out,
 * saturated to [min, max]. An unquantized int16 ABS is the same with zero points 0, no
 * rescale and no saturation (TFLM's std::abs, cut to 16 bits). Quantized RSQRT: 1 / sqrt(x -
 * zp_in) in fixed point, rescaled by 1 / (sqrt(s_in) * s_out), plus zp_out, saturated.
 */
struct ztflm_abs_rsqrt_params {
	struct ztflm_unary unary;
	int32_t input_offset; /**< the input zero point */
	int32_t output_offset;
	int32_t multiplier;
	int32_t shift; /**< left if > 0 */
	int32_t rescale; /**< ABS: whether to multiply */
	int32_t min;
	int32_t max;
};

extern const struct ztflm_variant ztflm_abs_s8_ref;
extern const struct ztflm_variant ztflm_abs_s16_ref;
extern const struct ztflm_variant ztflm_abs_f32_ref;
extern const struct ztflm_variant ztflm_rsqrt_s8_ref;
extern const struct ztflm_variant ztflm_rsqrt_s16_ref;
extern const struct ztflm_variant ztflm_rsqrt_f32_ref;

/**
 * The parameters both share: the element count, and for int8 and int16 the zero points
 * (int16: 0 both, checked) and the output type's range. TFLM's int16 ABS of an unquantized
 * input ignores the output's quantization: *quantized tells.
 */
int ztflm_abs_rsqrt_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			  struct ztflm_abs_rsqrt_params *p, bool *quantized);

/** The descriptor of ABS or RSQRT: builtin code, its parse, its variant table. */
#define ZTFLM_ABS_RSQRT_OP(code, parse_fn, table)                                                  \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = (code),                                                                 \
		ZTFLM_UNARY_IO,                                                                    \
		.same_type = ZTFLM_OUT(0),                                                         \
		.params_bytes = sizeof(struct ztflm_abs_rsqrt_params),                             \
		.parse = (parse_fn),                                                               \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

#endif /* ZTFLM_KERNELS_OPS_ABS_RSQRT_H_ */
