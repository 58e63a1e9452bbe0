/* PRELU: parameters and compute variants (element-wise binary family, ops/binary.h). */
#ifndef ZTFLM_KERNELS_OPS_PRELU_H_
#define ZTFLM_KERNELS_OPS_PRELU_H_

#include <stdint.h>

#include "ops/binary.h"

/*
 * x where x >= 0, else alpha * x, alpha broadcast against x. Quantized (int8 or int16 x, int8
 * alpha): x - zp_x rescaled by s_x / s_out when it is not negative, (x - zp_x) * (alpha -
 * zp_alpha) by s_x * s_alpha / s_out when it is, plus zp_out, saturated to the type. Op data is
 * this struct followed by the broadcast nest.
 */
struct ztflm_prelu_params {
	int32_t input_offset; /**< minus the input zero point */
	int32_t alpha_offset; /**< minus alpha's zero point */
	int32_t output_offset;
	int32_t identity_multiplier;
	int32_t identity_shift; /**< left if > 0 */
	int32_t alpha_multiplier;
	int32_t alpha_shift;
	int32_t min;            /**< the output type's range */
	int32_t max;
};

extern const struct ztflm_variant ztflm_prelu_s8_ref;
extern const struct ztflm_variant ztflm_prelu_s16_ref;
extern const struct ztflm_variant ztflm_prelu_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_PRELU_H_ */
