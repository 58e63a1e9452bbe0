/* DIV: parameters and compute variants (element-wise binary family, ops/binary.h). */
#ifndef ZTFLM_KERNELS_OPS_DIV_H_
#define ZTFLM_KERNELS_OPS_DIV_H_

#include <stdint.h>

#include "common/quant.h"
#include "ops/binary.h"

/*
 * int8: (x1 - zp1) / (x2 - zp2) through a fixed-point reciprocal of the divisor, rescaled by
 * s1 / (s2 * s_out), plus zp_out (TFLM's DivElementwise). Float and int32 use only the
 * activation range. Op data is this struct followed by the broadcast nest.
 */
struct ztflm_div_params {
	int32_t input1_offset; /**< minus the zero point */
	int32_t input2_offset;
	int32_t output_offset; /**< the output zero point */
	int32_t output_multiplier;
	int32_t output_shift; /**< left if > 0 */
	union ztflm_act_range act;
};

extern const struct ztflm_variant ztflm_div_s8_ref;
extern const struct ztflm_variant ztflm_div_s32_ref;
extern const struct ztflm_variant ztflm_div_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_DIV_H_ */
