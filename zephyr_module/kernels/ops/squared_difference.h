/* SQUARED_DIFFERENCE: parameters and compute variants (element-wise binary family). */
#ifndef ZTFLM_KERNELS_OPS_SQUARED_DIFFERENCE_H_
#define ZTFLM_KERNELS_OPS_SQUARED_DIFFERENCE_H_

#include <stdint.h>

#include "common/quant.h"
#include "ops/binary.h"

/*
 * int8 and int16: both inputs rescaled to twice the larger input scale with left_shift bits
 * of headroom (7 for int8, 0 for int16), the difference squared and rescaled to the output,
 * saturated to the type (TFLM fuses no activation). int32 and float32 square the plain
 * difference. Op data is this struct (int8 and int16 only) followed by the broadcast nest.
 */
struct ztflm_squared_difference_params {
	int32_t input1_offset; /**< minus the zero point */
	int32_t input2_offset;
	int32_t output_offset; /**< the output zero point */
	int32_t input1_multiplier;
	int32_t input2_multiplier;
	int32_t output_multiplier;
	int32_t input1_shift; /**< <= 0 */
	int32_t input2_shift;
	int32_t output_shift; /**< left if > 0 */
	int32_t left_shift;
	int32_t min; /**< the output type's range */
	int32_t max;
};

extern const struct ztflm_variant ztflm_squared_difference_s8_ref;
extern const struct ztflm_variant ztflm_squared_difference_s16_ref;
extern const struct ztflm_variant ztflm_squared_difference_s32_ref;
extern const struct ztflm_variant ztflm_squared_difference_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SQUARED_DIFFERENCE_H_ */
