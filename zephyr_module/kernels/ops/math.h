/*
 * The float32 math operators of the element-wise unary family: NEG, SQUARE, SQRT, EXP, LOG,
 * SIN, COS, FLOOR, CEIL and ROUND (TFLM takes float32 only for each). Every one gives the
 * bits of TFLM's x86-64 build on every core, NaN results included: the transcendental ones
 * through the runtime's own functions (common/expf.h, common/mathf.h), the rest on IEEE
 * operations exact on every core, with NaN handled on the bits.
 */
#ifndef ZTFLM_KERNELS_OPS_MATH_H_
#define ZTFLM_KERNELS_OPS_MATH_H_

#include "ops/unary.h"

extern const struct ztflm_variant ztflm_neg_f32_ref;
extern const struct ztflm_variant ztflm_square_f32_ref;
extern const struct ztflm_variant ztflm_sqrt_f32_ref;
extern const struct ztflm_variant ztflm_exp_f32_ref;
extern const struct ztflm_variant ztflm_log_f32_ref;
extern const struct ztflm_variant ztflm_sin_f32_ref;
extern const struct ztflm_variant ztflm_cos_f32_ref;
extern const struct ztflm_variant ztflm_floor_f32_ref;
extern const struct ztflm_variant ztflm_ceil_f32_ref;
extern const struct ztflm_variant ztflm_round_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_MATH_H_ */
