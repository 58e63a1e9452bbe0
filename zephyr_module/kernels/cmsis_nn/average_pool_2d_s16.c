/*
 * AVERAGE_POOL_2D on int16, delegated to CMSIS-NN's arm_avgpool_s16 (TFLM's mean rounded half
 * away from zero over the clipped window). Its DSP path sums channels in an int32 buffer; this
 * variant requests no scratch, so that buffer lives on the stack for up to STACK_CHANNELS
 * channels. Wider inputs and windows that miss the input run the reference variant; the
 * parse refuses windows of 65536 values or more, below which its saturating sums of int16
 * values never saturate.
 */
#include "cmsis_nn/pooling.h"

#define STACK_CHANNELS 64

static bool can_run(const void *params)
{
	const struct ztflm_pool_params *p = params;

	return ztflm_cmsis_pool_s16_ok(p) &&
	       (uint64_t)p->filter_h * (uint64_t)p->filter_w < (1u << 16) &&
	       arm_avgpool_s16_get_buffer_size(p->output_w, p->depth) <=
		       (int32_t)(STACK_CHANNELS * sizeof(int32_t));
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	int32_t sums[STACK_CHANNELS];
	const cmsis_nn_context buf = {.buf = sums, .size = (int32_t)sizeof(sums)};

	return ztflm_cmsis_pool_s16_run(ctx, params, arm_avgpool_s16, &buf);
}

ZTFLM_VARIANT(average_pool_2d_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, NULL);
