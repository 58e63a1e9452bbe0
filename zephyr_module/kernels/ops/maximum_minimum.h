/* MAXIMUM and MINIMUM: compute variants (element-wise binary family without parameters). */
#ifndef ZTFLM_KERNELS_OPS_MAXIMUM_MINIMUM_H_
#define ZTFLM_KERNELS_OPS_MAXIMUM_MINIMUM_H_

#include "ops/binary.h"

/*
 * The raw values are compared, int8 and int16 in their quantization (TFLM reads neither
 * scale nor zero point), float32 as TFLM's x > y ? x : y and x < y ? x : y, which decides
 * NaN and signed zeros by their order.
 */
extern const struct ztflm_variant ztflm_maximum_s8_ref;
extern const struct ztflm_variant ztflm_maximum_s16_ref;
extern const struct ztflm_variant ztflm_maximum_s32_ref;
extern const struct ztflm_variant ztflm_maximum_s64_ref;
extern const struct ztflm_variant ztflm_maximum_f32_ref;
extern const struct ztflm_variant ztflm_minimum_s8_ref;
extern const struct ztflm_variant ztflm_minimum_s16_ref;
extern const struct ztflm_variant ztflm_minimum_s32_ref;
extern const struct ztflm_variant ztflm_minimum_s64_ref;
extern const struct ztflm_variant ztflm_minimum_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_MAXIMUM_MINIMUM_H_ */
