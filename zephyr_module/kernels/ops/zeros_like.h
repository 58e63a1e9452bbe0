/* ZEROS_LIKE: its compute variants, on the element-wise unary family. */
#ifndef ZTFLM_KERNELS_OPS_ZEROS_LIKE_H_
#define ZTFLM_KERNELS_OPS_ZEROS_LIKE_H_

#include "ops/unary.h"

extern const struct ztflm_variant ztflm_zeros_like_s8_ref;
extern const struct ztflm_variant ztflm_zeros_like_s32_ref;
extern const struct ztflm_variant ztflm_zeros_like_s64_ref;
extern const struct ztflm_variant ztflm_zeros_like_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_ZEROS_LIKE_H_ */
