/*
 * The strided-copy family (STRIDED_SLICE, SLICE, REVERSE_V2, BROADCAST_TO, and the update
 * of DYNAMIC_UPDATE_SLICE): one side walked in order, the other through a nest of loops
 * that each step a signed number of elements from a base element. Planned in prepare (or
 * in eval, from values only known then), walked by ztflm_strided_gather and
 * ztflm_strided_scatter for any element size.
 */
#ifndef ZTFLM_KERNELS_OPS_STRIDED_H_
#define ZTFLM_KERNELS_OPS_STRIDED_H_

#include <ztflm/op.h>

/** One loop: count iterations, stride elements apart on the strided side. */
struct ztflm_strided_dim {
	uint32_t count;
	int32_t stride;
};

/*
 * The nest: ndims loops, innermost first. Loops of one iteration are left out and a loop
 * that continues the one inside it (stride = inner stride * inner count) is fused into it,
 * so a contiguous run is one loop of stride 1. ndims is 0 when there is nothing to copy.
 */
struct ztflm_strided {
	int32_t base; /**< element of the strided side the walk starts at */
	uint32_t ndims;
	uint32_t empty; /**< a loop of 0 iterations was pushed */
	struct ztflm_strided_dim dims[ZTFLM_MAX_DIMS];
};

/** Starts a nest at element base; push its loops innermost first, then end it. */
void ztflm_strided_begin(struct ztflm_strided *s, int32_t base);
void ztflm_strided_push(struct ztflm_strided *s, uint32_t count, int32_t stride);
void ztflm_strided_end(struct ztflm_strided *s);

/**
 * The row-major strides of a shape (rank entries, innermost 1) in elements; of a verified
 * shape, so exact unless a dimension is 0 (then the strides outside it saturate).
 */
void ztflm_strided_shape(const int32_t *dims, int32_t rank, int32_t *strides);

/** out (in order) from in through the nest; size: bytes of an element (1, 2, 4 or 8). */
void ztflm_strided_gather(const struct ztflm_strided *s, const void *in, void *out,
			  uint32_t size);

/** in (in order) to out through the nest. */
void ztflm_strided_scatter(const struct ztflm_strided *s, const void *in, void *out,
			   uint32_t size);

/** The compute variant ztflm_<id>: output 0 gathered from input 0, params a nest. */
#define ZTFLM_STRIDED_VARIANT(id, type, size)                                                      \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		ztflm_strided_gather(params, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0),  \
				     size);                                                        \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

#endif /* ZTFLM_KERNELS_OPS_STRIDED_H_ */
