/*
 * AVERAGE_POOL_2D on int8, delegated to CMSIS-NN's arm_avgpool_s8 (the same rounded mean over
 * the clipped window). Its DSP path sums channels in an int32 buffer; the pooling op requests
 * no scratch, so that buffer lives on the stack for up to STACK_CHANNELS channels and wider
 * inputs run the reference computation, as do windows whose saturating sum could clip.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "common/quant.h"
#include "ops/pooling.h"

/* The reference kernel, compiled here under another name: the fallback is the reference itself. */
void ztflm_average_pool_2d_s8_reference(const struct ztflm_pool_params *p, const int8_t *in,
					int8_t *out);
#define ztflm_average_pool_2d_s8 ztflm_average_pool_2d_s8_reference
#include "reference/average_pool_2d_s8.c"
#undef ztflm_average_pool_2d_s8

#define STACK_CHANNELS 64

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
	/* 128 * 2^23 stays below 2^31: the DSP path's saturating adds never saturate. */
	return p->batches > 0 && (uint64_t)p->filter_h * (uint64_t)p->filter_w <= (1u << 23) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->input_h *
				   (uint64_t)p->input_w * (uint64_t)p->depth) &&
	       arm_avgpool_s8_get_buffer_size(p->output_w, p->depth) <=
		       (int32_t)(STACK_CHANNELS * sizeof(int32_t));
}

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	if (!cmsis_can(p)) {
		ztflm_average_pool_2d_s8_reference(p, in, out);
		return;
	}
	int32_t sums[STACK_CHANNELS];
	const cmsis_nn_context ctx = {.buf = sums, .size = (int32_t)sizeof(sums)};
	const cmsis_nn_pool_params pool = {.stride = {.w = p->stride_w, .h = p->stride_h},
					   .padding = {.w = p->pad_w, .h = p->pad_h},
					   .activation = {.min = p->act_min, .max = p->act_max}};
	const cmsis_nn_dims input = {p->batches, p->input_h, p->input_w, p->depth};
	const cmsis_nn_dims filter = {1, p->filter_h, p->filter_w, 1};
	const cmsis_nn_dims output = {p->batches, p->output_h, p->output_w, p->depth};

	if (arm_avgpool_s8(&ctx, &pool, &input, in, &filter, &output, out) !=
	    ARM_CMSIS_NN_SUCCESS) {
		ztflm_average_pool_2d_s8_reference(p, in, out);
	}
}
