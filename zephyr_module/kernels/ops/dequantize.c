/* DEQUANTIZE: node layer (checks, dispatch by input type). */
#include <ztflm/op.h>
#include "ops/dequantize.h"

#include <ztflm/kernel.h>

struct dequantize_op {
	struct ztflm_dequantize_params params;
	uint32_t count;
	uint32_t type; /* of the input */
};

static int dequantize_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor out;
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count == 1 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs 1 input and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &in);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (in.type != ZTFLM_INT8 && in.type != ZTFLM_INT16 && in.type != ZTFLM_UINT8) {
		return ztflm_fail_type(ctx, "input", in.type);
	}
	if (out.type != ZTFLM_FLOAT32) {
		return ztflm_fail_type(ctx, "output", out.type);
	}
	ZTFLM_CHECK(ctx, in.elements == out.elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)in.elements,
		    (unsigned)out.elements);

	struct dequantize_op *op = ztflm_alloc_op_data(ctx, sizeof(*op));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	op->params.scale = in.scale;
	op->params.zero_point = in.zero_point;
	op->count = out.elements;
	op->type = in.type;
	return ZTFLM_OK;
}

static int dequantize_eval(struct ztflm_context *ctx)
{
	const struct dequantize_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_dequantize_s8_f32(&op->params, in, out, op->count);
		break;
	case ZTFLM_INT16:
		ztflm_dequantize_s16_f32(&op->params, in, out, op->count);
		break;
	default:
		ztflm_dequantize_u8_f32(&op->params, in, out, op->count);
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_dequantize = {
	.prepare = dequantize_prepare,
	.eval = dequantize_eval,
	.builtin = ZTFLM_OP_DEQUANTIZE,
};
