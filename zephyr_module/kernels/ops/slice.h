/* SLICE: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_SLICE_H_
#define ZTFLM_KERNELS_OPS_SLICE_H_

#include "ops/strided.h"

/* TFLM pads begin and size to 5 entries and writes before its arrays for a larger rank. */
#define ZTFLM_SLICE_MAX_RANK 5

/* The input's shape, for a begin and size only known at run time. */
struct ztflm_slice_shape {
	int32_t in_dims[ZTFLM_SLICE_MAX_RANK];
	int32_t out_dims[ZTFLM_SLICE_MAX_RANK];
	int32_t in_strides[ZTFLM_SLICE_MAX_RANK];
};

struct ztflm_slice_params {
	/* The output's loops over the input; base is the slice's start when begin is constant. */
	struct ztflm_strided nest;
	uint32_t rank;
	uint32_t index_type; /**< 0: begin and size are constants; else their type */
	struct ztflm_slice_shape shape; /**< allocated only when index_type is not 0 */
};

/**
 * The input element where the slice starts, from begin and size (rank entries of int32 or
 * int64 index_type); a message and code when the slice does not fit the input or the output.
 */
int ztflm_slice_start(struct ztflm_context *ctx, const struct ztflm_slice_shape *shape,
		      uint32_t rank, const void *begin, const void *size, uint8_t index_type,
		      int code, int32_t *start);

extern const struct ztflm_variant ztflm_slice_s8_ref;
extern const struct ztflm_variant ztflm_slice_bool_ref;
extern const struct ztflm_variant ztflm_slice_s16_ref;
extern const struct ztflm_variant ztflm_slice_s32_ref;
extern const struct ztflm_variant ztflm_slice_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SLICE_H_ */
