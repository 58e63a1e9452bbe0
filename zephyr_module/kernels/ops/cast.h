/* CAST: parameters and compute variants, on the element-wise unary family. */
#ifndef ZTFLM_KERNELS_OPS_CAST_H_
#define ZTFLM_KERNELS_OPS_CAST_H_

#include "ops/unary.h"

/*
 * TFLM casts between 6 types both ways: 36 pairs, more than the variants a node can name. A
 * variant is an input type; its row picks the output type once per node.
 */
struct ztflm_cast_params {
	struct ztflm_unary unary;
	uint32_t out_type; /**< enum ztflm_type */
};

extern const struct ztflm_variant ztflm_cast_s8_ref;
extern const struct ztflm_variant ztflm_cast_s16_ref;
extern const struct ztflm_variant ztflm_cast_s32_ref;
extern const struct ztflm_variant ztflm_cast_u32_ref;
extern const struct ztflm_variant ztflm_cast_bool_ref;
extern const struct ztflm_variant ztflm_cast_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_CAST_H_ */
