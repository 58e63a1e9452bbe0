/* TANH: int8 and float32 (TFLM's int8 tanh ignores the output's quantization). */
#include <ztflm/op.h>
#include "ops/tanh.h"

static int prepare(struct ztflm_context *ctx)
{
	return ztflm_q4_prepare(ctx, INT32_MIN);
}

static int eval(struct ztflm_context *ctx)
{
	const struct ztflm_q4_params *p = ctx->op_data;

	if (p->type == ZTFLM_INT8) {
		ztflm_tanh_s8(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	} else {
		ztflm_tanh_f32(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_tanh = {
	.prepare = prepare,
	.eval = eval,
	.builtin = ZTFLM_OP_TANH,
};
