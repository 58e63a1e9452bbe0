/* What the CMSIS-NN pooling variants (int8, int16) share: the nodes CMSIS-NN pools exactly, its
 * parameters. */
#ifndef ZTFLM_KERNELS_CMSIS_NN_POOLING_H_
#define ZTFLM_KERNELS_CMSIS_NN_POOLING_H_

#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/pooling.h"

/*
 * Sizes CMSIS-NN holds in int and every window overlapping the input (an empty one leaves its
 * output unwritten, or fails the average).
 */
static inline bool ztflm_cmsis_pool_sizes_ok(const struct ztflm_pool_params *p)
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
				   (uint64_t)p->output_w * (uint64_t)p->depth);
}

/* Those sizes, and an ordered activation range inside int8 (it clamps with max then min). */
static inline bool ztflm_cmsis_pool_ok(const struct ztflm_pool_params *p)
{
	return ztflm_cmsis_pool_sizes_ok(p) && ztflm_pool_s8_range_ordered(p);
}

/* The same for int16 nodes: an ordered activation range inside int16. */
static inline bool ztflm_cmsis_pool_s16_ok(const struct ztflm_pool_params *p)
{
	return ztflm_cmsis_pool_sizes_ok(p) && p->act.q.min >= INT16_MIN &&
	       p->act.q.min <= p->act.q.max && p->act.q.max <= INT16_MAX;
}

/* CMSIS-NN's view of a node: its parameters, input, window and output dimensions. */
struct ztflm_cmsis_pool_call {
	cmsis_nn_pool_params pool;
	cmsis_nn_dims input;
	cmsis_nn_dims filter;
	cmsis_nn_dims output;
};

static inline struct ztflm_cmsis_pool_call ztflm_cmsis_pool_call(const struct ztflm_pool_params *p)
{
	const struct ztflm_cmsis_pool_call c = {
		.pool = {.stride = {.w = p->stride_w, .h = p->stride_h},
			 .padding = {.w = p->pad_w, .h = p->pad_h},
			 .activation = {.min = p->act.q.min, .max = p->act.q.max}},
		.input = {p->batches, p->input_h, p->input_w, p->depth},
		.filter = {1, p->filter_h, p->filter_w, 1},
		.output = {p->batches, p->output_h, p->output_w, p->depth},
	};
	return c;
}

/* A CMSIS-NN status as the node's result: can_run rules out every failure it reports. */
static inline int ztflm_cmsis_pool_status(struct ztflm_context *ctx, arm_cmsis_nn_status status)
{
	return status == ARM_CMSIS_NN_SUCCESS
		       ? ZTFLM_OK
		       : ztflm_fail(ctx, ZTFLM_ERR_KERNEL, "CMSIS-NN refused the node");
}

/* arm_avgpool_s8 or arm_max_pool_s8 (_s16: arm_avgpool_s16 or arm_max_pool_s16). */
typedef arm_cmsis_nn_status (*ztflm_cmsis_pool_fn)(const cmsis_nn_context *ctx,
						   const cmsis_nn_pool_params *pool_params,
						   const cmsis_nn_dims *input_dims,
						   const int8_t *input_data,
						   const cmsis_nn_dims *filter_dims,
						   const cmsis_nn_dims *output_dims,
						   int8_t *output_data);

typedef arm_cmsis_nn_status (*ztflm_cmsis_pool_s16_fn)(const cmsis_nn_context *ctx,
						       const cmsis_nn_pool_params *pool_params,
						       const cmsis_nn_dims *input_dims,
						       const int16_t *input_data,
						       const cmsis_nn_dims *filter_dims,
						       const cmsis_nn_dims *output_dims,
						       int16_t *output_data);

/* Runs a node the variant's can_run accepted through fn, with buf as CMSIS-NN's buffer. */
static inline int ztflm_cmsis_pool_run(struct ztflm_context *ctx,
				       const struct ztflm_pool_params *p, ztflm_cmsis_pool_fn fn,
				       const cmsis_nn_context *buf)
{
	const struct ztflm_cmsis_pool_call c = ztflm_cmsis_pool_call(p);

	return ztflm_cmsis_pool_status(ctx, fn(buf, &c.pool, &c.input, ztflm_input_data(ctx, 0),
					       &c.filter, &c.output, ztflm_output_data(ctx, 0)));
}

/* The same for int16 nodes. */
static inline int ztflm_cmsis_pool_s16_run(struct ztflm_context *ctx,
					   const struct ztflm_pool_params *p,
					   ztflm_cmsis_pool_s16_fn fn, const cmsis_nn_context *buf)
{
	const struct ztflm_cmsis_pool_call c = ztflm_cmsis_pool_call(p);

	return ztflm_cmsis_pool_status(ctx, fn(buf, &c.pool, &c.input, ztflm_input_data(ctx, 0),
					       &c.filter, &c.output, ztflm_output_data(ctx, 0)));
}

#endif /* ZTFLM_KERNELS_CMSIS_NN_POOLING_H_ */
