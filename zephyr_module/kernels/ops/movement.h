/*
 * Data movement by element size (TRANSPOSE, MIRROR_PAD): operators whose variants differ only
 * in the size of the elements they move. The operator writes one inline walk over its input
 * and output; each variant instantiates it for one size, so every copy is a move of a
 * constant size.
 */
#ifndef ZTFLM_KERNELS_OPS_MOVEMENT_H_
#define ZTFLM_KERNELS_OPS_MOVEMENT_H_

#include <ztflm/op.h>

/**
 * The variant ztflm_<id> for tensors of type (input 0 and output 0): it runs
 * walk(params, input 0's data, output 0's data, size).
 */
#define ZTFLM_MOVE_VARIANT(id, type, walk, size)                                                   \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		walk(params, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0), size);           \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

#endif /* ZTFLM_KERNELS_OPS_MOVEMENT_H_ */
