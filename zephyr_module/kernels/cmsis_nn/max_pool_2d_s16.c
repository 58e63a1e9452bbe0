/*
 * MAX_POOL_2D on int16, delegated to CMSIS-NN's arm_max_pool_s16 (the maximum over the clipped
 * window, then the activation clamp). Nodes it cannot pool exactly run the reference variant.
 */
#include "cmsis_nn/pooling.h"

static bool can_run(const void *params)
{
	return ztflm_cmsis_pool_s16_ok(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const cmsis_nn_context buf = {.buf = NULL, .size = 0};

	return ztflm_cmsis_pool_s16_run(ctx, params, arm_max_pool_s16, &buf);
}

ZTFLM_VARIANT(max_pool_2d_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, NULL);
