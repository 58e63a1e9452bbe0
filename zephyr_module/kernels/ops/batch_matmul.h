/* BATCH_MATMUL: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_BATCH_MATMUL_H_
#define ZTFLM_KERNELS_OPS_BATCH_MATMUL_H_

#include <ztflm/op.h>

/** Batch dimensions of an output: ranks 2 to 5 leave up to three before the matrices. */
#define ZTFLM_BATCH_MATMUL_BATCH_DIMS 3

/*
 * out[b][r][c] = sum over k of lhs[b][r][k] * rhs[b][k][c], b the output's batch index.
 * Strides are in elements of each input as it lies in memory, so the adjoint flags are
 * strides and nothing is transposed: lhs (r, k) is at r * lhs_row + k * lhs_depth, rhs
 * (k, c) at k * rhs_depth + c * rhs_col. A batch stride is 0 along a broadcast dimension.
 * The quantized sum is TFLM's: sum of (rhs + rhs_offset) * (lhs + lhs_offset), rescaled.
 */
struct ztflm_batch_matmul_params {
	uint32_t batches[ZTFLM_BATCH_MATMUL_BATCH_DIMS]; /**< outermost first, 1 when absent */
	uint32_t lhs_batch[ZTFLM_BATCH_MATMUL_BATCH_DIMS];
	uint32_t rhs_batch[ZTFLM_BATCH_MATMUL_BATCH_DIMS];
	uint32_t rows;
	uint32_t depth;
	uint32_t cols;
	uint32_t lhs_row;
	uint32_t lhs_depth;
	uint32_t rhs_depth;
	uint32_t rhs_col;
	int32_t lhs_offset; /**< minus the LHS zero point */
	int32_t rhs_offset; /**< minus the RHS zero point */
	int32_t out_offset; /**< the output zero point */
	int32_t multiplier;
	int32_t shift;
};

/* An int4 RHS (two values a byte) would be one more variant whose RHS read unpacks. */
extern const struct ztflm_variant ztflm_batch_matmul_s8_ref;
extern const struct ztflm_variant ztflm_batch_matmul_s16_ref;
extern const struct ztflm_variant ztflm_batch_matmul_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_BATCH_MATMUL_H_ */
