/*
 * AVERAGE_POOL_2D on int8, delegated to CMSIS-NN's arm_avgpool_s8 (the same rounded mean over
 * the clipped window). Its DSP path sums channels in an int32 buffer; this variant requests no
 * scratch, so that buffer lives on the stack for up to STACK_CHANNELS channels. Wider inputs,
 * windows whose saturating sum could clip and windows that miss the input run the reference
 * variant.
 */
#include "cmsis_nn/pooling.h"

#define STACK_CHANNELS 64

static bool can_run(const void *params)
{
	const struct ztflm_pool_params *p = params;

	/* 128 * 2^23 stays below 2^31: the DSP path's saturating adds never saturate. */
	return ztflm_cmsis_pool_ok(p) &&
	       (uint64_t)p->filter_h * (uint64_t)p->filter_w <= (1u << 23) &&
	       arm_avgpool_s8_get_buffer_size(p->output_w, p->depth) <=
		       (int32_t)(STACK_CHANNELS * sizeof(int32_t));
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	int32_t sums[STACK_CHANNELS];
	const cmsis_nn_context buf = {.buf = sums, .size = (int32_t)sizeof(sums)};

	return ztflm_cmsis_pool_run(ctx, params, arm_avgpool_s8, &buf);
}

ZTFLM_VARIANT(average_pool_2d_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, NULL);
