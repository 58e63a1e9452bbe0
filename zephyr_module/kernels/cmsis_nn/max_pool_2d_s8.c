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
	const struct ztflm_cmsis_pool c = ztflm_cmsis_pool_of(params);

	if (arm_max_pool_s8(&buf, &c.pool, &c.input, ztflm_input_data(ctx, 0), &c.filter, &c.output,
			   ztflm_output_data(ctx, 0)) != ARM_CMSIS_NN_SUCCESS) {
		return ztflm_fail(ctx, ZTFLM_ERR_KERNEL, "arm_max_pool_s8 refused the node");
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(max_pool_2d_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, NULL);
