/* L2_NORMALIZATION: parameters and compute variants (last-axis family, ops/last_axis.h). */
#ifndef ZTFLM_KERNELS_OPS_L2_NORMALIZATION_H_
#define ZTFLM_KERNELS_OPS_L2_NORMALIZATION_H_

#include "ops/last_axis.h"

/* Each row divided by its L2 norm; int8 outputs are in steps of 1/128, whatever their scale. */
struct ztflm_l2_normalization_params {
	struct ztflm_last_axis rows;
	int32_t input_zero_point;
};

extern const struct ztflm_variant ztflm_l2_normalization_s8_ref;
extern const struct ztflm_variant ztflm_l2_normalization_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_L2_NORMALIZATION_H_ */
