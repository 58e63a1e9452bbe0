/* RELU and RELU6: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_RELU_H_
#define ZTFLM_KERNELS_OPS_RELU_H_

#include <stdint.h>

#include "ops/unary.h"

/* Quantized RELU rescales to the output's quantization, then clamps below at its zero. */
struct ztflm_relu_params {
	struct ztflm_unary unary;
	int32_t input_zero_point;
	int32_t output_zero_point;
	int32_t multiplier; /**< s_in / s_out */
	int32_t shift;      /**< left if > 0 (at most 31) */
	int32_t act_min;
	int32_t act_max;
};

/*
 * Quantized RELU6 clamps in the input's quantization and does not rescale
 * (TFLM ignores the output's scale and zero point).
 */
struct ztflm_relu6_params {
	struct ztflm_unary unary;
	int32_t lower; /**< the input zero point */
	int32_t upper; /**< 6.0 in the input's quantization, saturated */
};

extern const struct ztflm_variant ztflm_relu_s8_ref;
extern const struct ztflm_variant ztflm_relu_s16_ref;
extern const struct ztflm_variant ztflm_relu_f32_ref;
extern const struct ztflm_variant ztflm_relu6_s8_ref;
extern const struct ztflm_variant ztflm_relu6_s16_ref;
extern const struct ztflm_variant ztflm_relu6_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_RELU_H_ */
