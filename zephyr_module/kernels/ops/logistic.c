/* LOGISTIC: int8 (output zero point -128) and float32. */
#include <ztflm/op.h>
#include "ops/logistic.h"

static int prepare(struct ztflm_context *ctx)
{
	return ztflm_q4_prepare(ctx, -128);
}

static int eval(struct ztflm_context *ctx)
{
	const struct ztflm_q4_params *p = ctx->op_data;

	if (p->type == ZTFLM_INT8) {
		ztflm_logistic_s8(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	} else {
		ztflm_logistic_f32(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_logistic = {
	.prepare = prepare,
	.eval = eval,
	.builtin = ZTFLM_OP_LOGISTIC,
};
