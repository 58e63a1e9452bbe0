/* STRIDED_SLICE: compute variants (the parameters are a strided nest over the input). */
#ifndef ZTFLM_KERNELS_OPS_STRIDED_SLICE_H_
#define ZTFLM_KERNELS_OPS_STRIDED_SLICE_H_

#include "ops/strided.h"

extern const struct ztflm_variant ztflm_strided_slice_s8_ref;
extern const struct ztflm_variant ztflm_strided_slice_bool_ref;
extern const struct ztflm_variant ztflm_strided_slice_s16_ref;
extern const struct ztflm_variant ztflm_strided_slice_s32_ref;
extern const struct ztflm_variant ztflm_strided_slice_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_STRIDED_SLICE_H_ */
