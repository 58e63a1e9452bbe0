/* SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_SPACE_BATCH_H_
#define ZTFLM_KERNELS_OPS_SPACE_BATCH_H_

#include <ztflm/op.h>

/*
 * The space tensor [n, h, w, depth] (SPACE_TO_BATCH_ND's input, BATCH_TO_SPACE_ND's output)
 * and the batch tensor [n * block_h * block_w, batch_h, batch_w, depth] (the other one); rank
 * 3 tensors have w = batch_w = block_w = 1. Pixel (y, x) of batch b is pixel
 * (y * block_h + i - top, x * block_w + j - left) of space batch b % n, with (i, j) the block
 * offset b / n; pixels of the batch tensor outside the space tensor are cropped away.
 */
struct ztflm_space_batch_params {
	uint32_t n;
	uint32_t h;
	uint32_t w;
	uint32_t batches; /**< of the batch tensor */
	uint32_t batch_h;
	uint32_t batch_w;
	uint32_t block_h;
	uint32_t block_w;
	uint32_t top;
	uint32_t left;
	uint32_t depth_bytes;
	uint32_t to_space; /**< 1: BATCH_TO_SPACE_ND, the batch tensor is the input */
};

extern const struct ztflm_variant ztflm_space_batch_s8_ref;
extern const struct ztflm_variant ztflm_space_batch_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SPACE_BATCH_H_ */
