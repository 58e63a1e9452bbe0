/* FLOOR_DIV and FLOOR_MOD: compute variants (element-wise binary family, float32 only). */
#ifndef ZTFLM_KERNELS_OPS_FLOOR_DIV_MOD_H_
#define ZTFLM_KERNELS_OPS_FLOOR_DIV_MOD_H_

#include "ops/binary.h"

/*
 * FLOOR_DIV: floor(x / y) computed in double, as TFLM does, which fails the node on a
 * divisor of 0. FLOOR_MOD: x - floor(x / y) * y as TFLM's fmodf and its sign correction,
 * so the remainder takes y's sign.
 */
extern const struct ztflm_variant ztflm_floor_div_f32_ref;
extern const struct ztflm_variant ztflm_floor_mod_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_FLOOR_DIV_MOD_H_ */
