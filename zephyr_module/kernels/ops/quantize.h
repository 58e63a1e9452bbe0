/* QUANTIZE: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_QUANTIZE_H_
#define ZTFLM_KERNELS_OPS_QUANTIZE_H_

#include <stdint.h>

#include "ops/unary.h"

/* Float to integer (TFLM AffineQuantize) and integer to integer (TFLM Requantize). */
struct ztflm_quantize_params {
	struct ztflm_unary unary;
	float output_scale;        /**< float inputs: q = round(x / scale) + zp */
	int32_t input_zero_point;  /**< integer inputs: rescaled (x - zp_in) + zp_out */
	int32_t output_zero_point;
	int32_t multiplier;        /**< s_in / s_out as a Q31 multiplier */
	int32_t shift;             /**< and a shift, left if > 0 (at most 31) */
};

extern const struct ztflm_variant ztflm_quantize_f32_s8_ref;
extern const struct ztflm_variant ztflm_quantize_f32_s16_ref;
extern const struct ztflm_variant ztflm_quantize_s8_s8_ref;
extern const struct ztflm_variant ztflm_quantize_s8_u8_ref;
extern const struct ztflm_variant ztflm_quantize_s8_s16_ref;
extern const struct ztflm_variant ztflm_quantize_s8_s32_ref;
extern const struct ztflm_variant ztflm_quantize_u8_s8_ref;
extern const struct ztflm_variant ztflm_quantize_s16_s8_ref;
extern const struct ztflm_variant ztflm_quantize_s16_s16_ref;
extern const struct ztflm_variant ztflm_quantize_s16_s32_ref;
extern const struct ztflm_variant ztflm_quantize_s32_s8_ref;
extern const struct ztflm_variant ztflm_quantize_s32_s16_ref;

#endif /* ZTFLM_KERNELS_OPS_QUANTIZE_H_ */
