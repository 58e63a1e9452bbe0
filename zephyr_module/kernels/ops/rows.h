/*
 * The rows family: tensors joined or split along an axis (CONCATENATION, PACK, UNPACK, SPLIT,
 * SPLIT_V). Seen from the axis, the whole tensor and each part are outer rows; a row of the
 * whole is the rows of the parts one after the other. Type-agnostic: rows are bytes.
 */
#ifndef ZTFLM_KERNELS_OPS_ROWS_H_
#define ZTFLM_KERNELS_OPS_ROWS_H_

#include <ztflm/op.h>

struct ztflm_rows {
	uint32_t outer; /**< rows: the product of the dimensions before the axis */
	uint32_t row;   /**< bytes of one row of the whole */
	uint32_t count; /**< parts */
	uint32_t whole; /**< for a split: the input holding the whole */
	uint32_t part[]; /**< bytes of one row of each part */
};

/**
 * Allocates the node's op data for count parts (ztflm_alloc_op_data) with outer and the row
 * of the whole set; the caller fills part[] and checks they add up to row.
 */
struct ztflm_rows *ztflm_rows_alloc(struct ztflm_context *ctx, uint32_t count, uint32_t outer,
				    uint32_t row);

/** The whole (output 0) from the parts (every input). */
int ztflm_rows_join(struct ztflm_context *ctx, const void *params);

/** The parts (every output) from the whole (input r->whole). */
int ztflm_rows_split(struct ztflm_context *ctx, const void *params);

/**
 * The rows of parts of one shape stacked along a new axis of the whole: PACK's (the parts are
 * the inputs, the whole output 0) or UNPACK's (the whole is input 0, the parts the outputs).
 * The count and axis options (PackOptions, UnpackOptions) must name as many parts as the node
 * has, and an axis of the whole of that length; each part is the whole without that axis.
 */
int ztflm_rows_stack_parse(struct ztflm_context *ctx, const struct ztflm_tensor *whole,
			   bool parts_are_inputs);

/**
 * The dimensions of shape before and after axis: *outer their product before it, *inner after
 * it (verified shapes: products below 2^30).
 */
void ztflm_rows_around(const int32_t *dims, int32_t rank, int32_t axis, uint32_t *outer,
		       uint32_t *inner);

#endif /* ZTFLM_KERNELS_OPS_ROWS_H_ */
