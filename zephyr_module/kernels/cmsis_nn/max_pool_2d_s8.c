/*
 * MAX_POOL_2D on int8, delegated to CMSIS-NN's arm_max_pool_s8 (the maximum over the clipped
 * window, then the activation clamp). Nodes it cannot pool exactly run the reference variant.
 */
#include "cmsis_nn/pooling.h"

static bool can_run(const void *params)
{
	return ztflm_cmsis_pool_ok(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const cmsis_nn_context buf = {.buf = NULL, .size = 0};

	return ztflm_cmsis_pool_run(ctx, params, arm_max_pool_s8, &buf);
}

ZTFLM_VARIANT(max_pool_2d_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, NULL);
