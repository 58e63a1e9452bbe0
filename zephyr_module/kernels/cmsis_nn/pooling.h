/* What the CMSIS-NN pooling variants share: the nodes CMSIS-NN pools exactly, its parameters. */
#ifndef ZTFLM_KERNELS_CMSIS_NN_POOLING_H_
#define ZTFLM_KERNELS_CMSIS_NN_POOLING_H_

#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/pooling.h"

/*
 * Sizes CMSIS-NN holds in int, every window overlapping the input (an empty one leaves its
 * output unwritten, or fails the average), and an ordered activation range inside int8 (it
 * clamps with max then min).
 */
static inline bool ztflm_cmsis_pool_ok(const struct ztflm_pool_params *p)
{
	const int32_t dims[] = {p->input_h,  p->input_w,  p->depth,    p->output_h, p->output_w,
				p->stride_h, p->stride_w, p->filter_h, p->filter_w, p->pad_h,
				p->pad_w};

	for (uint32_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
		if (!ztflm_cmsis_dim_ok(dims[i])) {
			return false;
		}
	}
	return p->batches > 0 && p->filter_h > p->pad_h && p->filter_w > p->pad_w &&
	       (int64_t)(p->output_h - 1) * p->stride_h - p->pad_h < p->input_h &&
	       (int64_t)(p->output_w - 1) * p->stride_w - p->pad_w < p->input_w &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->input_h *
				   (uint64_t)p->input_w * (uint64_t)p->depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_h *
				   (uint64_t)p->output_w * (uint64_t)p->depth) &&
	       ztflm_pool_s8_range_ordered(p);
}

/* A node as CMSIS-NN's pooling functions take it. */
struct ztflm_cmsis_pool {
	cmsis_nn_pool_params pool;
	cmsis_nn_dims input;
	cmsis_nn_dims filter;
	cmsis_nn_dims output;
};

static inline struct ztflm_cmsis_pool ztflm_cmsis_pool_of(const struct ztflm_pool_params *p)
{
	const struct ztflm_cmsis_pool c = {
		.pool = {.stride = {.w = p->stride_w, .h = p->stride_h},
			 .padding = {.w = p->pad_w, .h = p->pad_h},
			 .activation = {.min = p->act.q.min, .max = p->act.q.max}},
		.input = {p->batches, p->input_h, p->input_w, p->depth},
		.filter = {1, p->filter_h, p->filter_w, 1},
		.output = {p->batches, p->output_h, p->output_w, p->depth},
	};

	return c;
}

#endif /* ZTFLM_KERNELS_CMSIS_NN_POOLING_H_ */
