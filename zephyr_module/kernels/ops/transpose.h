/* TRANSPOSE: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_TRANSPOSE_H_
#define ZTFLM_KERNELS_OPS_TRANSPOSE_H_

#include <ztflm/op.h>

#define ZTFLM_TRANSPOSE_MAX_RANK 6

/*
 * The output walked in order: output axis k has out_dims[k] elements, and one step along it
 * moves in_strides[k] elements in the input (the stride of input axis perm[k]).
 */
struct ztflm_transpose_params {
	uint32_t rank; /**< 1 to 6: a scalar has no constant (empty) permutation */
	uint32_t out_dims[ZTFLM_TRANSPOSE_MAX_RANK];
	uint32_t in_strides[ZTFLM_TRANSPOSE_MAX_RANK];
};

extern const struct ztflm_variant ztflm_transpose_s8_ref;
extern const struct ztflm_variant ztflm_transpose_s16_ref;
extern const struct ztflm_variant ztflm_transpose_s32_ref;
extern const struct ztflm_variant ztflm_transpose_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_TRANSPOSE_H_ */
