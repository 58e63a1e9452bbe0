/*
 * MAX_POOL_2D on int8, delegated to CMSIS-NN's arm_max_pool_s8 (the maximum over the clipped
 * window, then the activation clamp). Sizes it cannot hold run the reference computation.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "common/quant.h"
#include "ops/pooling.h"

/* The reference kernel, compiled here under another name: the fallback is the reference itself. */
void ztflm_max_pool_2d_s8_reference(const struct ztflm_pool_params *p, const int8_t *in,
				    int8_t *out);
#define ztflm_max_pool_2d_s8 ztflm_max_pool_2d_s8_reference
#include "reference/max_pool_2d_s8.c"
#undef ztflm_max_pool_2d_s8

static int cmsis_can(const struct ztflm_pool_params *p)
{
	const int32_t dims[] = {p->input_h,  p->input_w,  p->depth,    p->output_h, p->output_w,
				p->stride_h, p->stride_w, p->filter_h, p->filter_w, p->pad_h,
				p->pad_w};

	for (uint32_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
		if (!ztflm_cmsis_dim_ok(dims[i])) {
			return 0;
		}
	}
	/* An empty window leaves CMSIS-NN's output unwritten; prepare rules it out, this too. */
	return p->batches > 0 && p->filter_h > 0 && p->filter_w > 0 &&
	       (int64_t)(p->output_h - 1) * p->stride_h - p->pad_h < p->input_h &&
	       (int64_t)(p->output_w - 1) * p->stride_w - p->pad_w < p->input_w &&
	       p->filter_h > p->pad_h && p->filter_w > p->pad_w &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->input_h *
				   (uint64_t)p->input_w * (uint64_t)p->depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_h *
				   (uint64_t)p->output_w * (uint64_t)p->depth);
}

void ztflm_max_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	if (!cmsis_can(p)) {
		ztflm_max_pool_2d_s8_reference(p, in, out);
		return;
	}
	const cmsis_nn_context ctx = {.buf = NULL, .size = 0};
	const cmsis_nn_pool_params pool = {.stride = {.w = p->stride_w, .h = p->stride_h},
					   .padding = {.w = p->pad_w, .h = p->pad_h},
					   .activation = {.min = p->act_min, .max = p->act_max}};
	const cmsis_nn_dims input = {p->batches, p->input_h, p->input_w, p->depth};
	const cmsis_nn_dims filter = {1, p->filter_h, p->filter_w, 1};
	const cmsis_nn_dims output = {p->batches, p->output_h, p->output_w, p->depth};

	if (arm_max_pool_s8(&ctx, &pool, &input, in, &filter, &output, out) !=
	    ARM_CMSIS_NN_SUCCESS) {
		ztflm_max_pool_2d_s8_reference(p, in, out);
	}
}
