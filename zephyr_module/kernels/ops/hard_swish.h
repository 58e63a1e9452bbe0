/* HARD_SWISH: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_HARD_SWISH_H_
#define ZTFLM_KERNELS_OPS_HARD_SWISH_H_

#include <stdint.h>

#include "ops/unary.h"

/*
 * x * relu6(x + 3) / 6. int8 follows TFLM's 16-bit fixed point: the input at 2^7 times its
 * resolution, a "relu-ish" factor in [0, 1] from it on the scale where 3.0 is 32768, their
 * product on the output scale.
 */
struct ztflm_hard_swish_params {
	struct ztflm_unary unary;
	int32_t input_zero_point;
	int32_t output_zero_point;
	int32_t reluish_multiplier; /**< Q15 */
	int32_t reluish_exponent;   /**< left if > 0 */
	int32_t output_multiplier;  /**< Q15 */
	int32_t output_exponent;    /**< <= 0 */
};

extern const struct ztflm_variant ztflm_hard_swish_s8_ref;
extern const struct ztflm_variant ztflm_hard_swish_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_HARD_SWISH_H_ */
