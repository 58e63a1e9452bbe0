/*
 * The last-axis family (LOG_SOFTMAX, L2_NORMALIZATION): an output shaped as the input, each
 * row along the last dimension computed on its own. Op data is the operator's parameter
 * struct, whose first member is a struct ztflm_last_axis.
 */
#ifndef ZTFLM_KERNELS_OPS_LAST_AXIS_H_
#define ZTFLM_KERNELS_OPS_LAST_AXIS_H_

#include <ztflm/op.h>

/** The first member of every last-axis operator's parameters. */
struct ztflm_last_axis {
	uint32_t outer; /**< rows */
	uint32_t depth; /**< the last dimension */
};

/**
 * Checks that output 0 has input 0's shape and a rank from 1 to max_rank (TFLM reads the
 * last dimension of a scalar past its shape), and records the rows in params (which starts
 * with a struct ztflm_last_axis).
 */
int ztflm_last_axis_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			  int32_t max_rank, void *params);

#endif /* ZTFLM_KERNELS_OPS_LAST_AXIS_H_ */
