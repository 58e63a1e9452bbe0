/* LEAKY_RELU: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_LEAKY_RELU_H_
#define ZTFLM_KERNELS_OPS_LEAKY_RELU_H_

#include <stdint.h>

#include "ops/unary.h"

/*
 * Quantized: x - zp_in rescaled by s_in / s_out when it is not negative, by |alpha| * s_in /
 * s_out and negated for a negative alpha when it is, plus zp_out, saturated to the type.
 */
struct ztflm_leaky_relu_params {
	struct ztflm_unary unary;
	int32_t input_zero_point;
	int32_t output_zero_point;
	int32_t identity_multiplier;
	int32_t identity_shift; /**< left if > 0 */
	int32_t alpha_multiplier; /**< of |alpha| */
	int32_t alpha_shift;
	int32_t alpha_negative;   /**< 1: the alpha product is negated */
	int32_t min;            /**< the output type's range */
	int32_t max;
	float alpha;            /**< float32 */
};

extern const struct ztflm_variant ztflm_leaky_relu_s8_ref;
extern const struct ztflm_variant ztflm_leaky_relu_s16_ref;
extern const struct ztflm_variant ztflm_leaky_relu_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_LEAKY_RELU_H_ */
