/* AVERAGE_POOL_2D: int8 and float32 pooling over 4-D NHWC tensors. */
#include <ztflm/op.h>
#include "ops/pooling.h"

static int eval(struct ztflm_context *ctx)
{
	const struct ztflm_pool_params *p = ctx->op_data;

	if (p->type == ZTFLM_INT8) {
		ztflm_average_pool_2d_s8(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	} else {
		ztflm_average_pool_2d_f32(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_average_pool_2d = {
	.prepare = ztflm_pool_prepare,
	.eval = eval,
	.builtin = ZTFLM_OP_AVERAGE_POOL_2D,
};
