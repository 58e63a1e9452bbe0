/* SUB: node layer (checks, quantization parameters, dispatch). */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/add_sub.h"

static int sub_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor t[3];
	struct ztflm_add_sub_op *op = NULL;
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_ARITH_ACTIVATION, ZTFLM_ACT_NONE);
	int rc = ztflm_add_sub_prepare_common(ctx, t, &op);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct ztflm_add_sub_params *p = &op->params;

	if (t[2].type == ZTFLM_FLOAT32) {
		ztflm_activation_range_float(act, &p->act.f.min, &p->act.f.max);
		return ZTFLM_OK;
	}
	if (t[2].type == ZTFLM_INT32) {
		ZTFLM_CHECK(ctx,
			    t[0].scale_count == 0 && t[1].scale_count == 0 &&
				    t[2].scale_count == 0,
			    ZTFLM_ERR_UNSUPPORTED, "int32 tensors must not be quantized");
		/* TFLM's CalculateActivationRange<int32_t>. */
		switch (act) {
		case ZTFLM_ACT_RELU:
			p->act.q.min = 0;
			p->act.q.max = INT32_MAX;
			break;
		case ZTFLM_ACT_RELU6:
			p->act.q.min = 0;
			p->act.q.max = 6;
			break;
		case ZTFLM_ACT_RELU_N1_TO_1:
			p->act.q.min = -1;
			p->act.q.max = 1;
			break;
		default:
			p->act.q.min = INT32_MIN;
			p->act.q.max = INT32_MAX;
			break;
		}
		return ZTFLM_OK;
	}
	/* As ADD (the released TFLM computes SUB's multipliers in double, like ADD's). */
	return ztflm_add_sub_quant_params(ctx, t, act, p);
}

static int sub_eval(struct ztflm_context *ctx)
{
	const struct ztflm_add_sub_op *op = ctx->op_data;
	const void *in1 = ztflm_input_data(ctx, 0);
	const void *in2 = ztflm_input_data(ctx, 1);
	void *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_sub_s8(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT16:
		ztflm_sub_s16(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT32:
		ztflm_sub_s32(&op->params, &op->bcast, in1, in2, out);
		break;
	default:
		ztflm_sub_f32(&op->params, &op->bcast, in1, in2, out);
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_sub = {
	.prepare = sub_prepare,
	.eval = sub_eval,
	.builtin = ZTFLM_OP_SUB,
};
