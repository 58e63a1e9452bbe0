/* SUB: node layer (checks, quantization parameters, dispatch). */
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/add_sub.h"

/*
 * TFLM QuantizeMultiplierSmallerThanOneExp, which aborts outside (0, 1). The
 * real multiplier comes from float arithmetic here, unlike ADD's double.
 */
static int multiplier_below_one(struct ztflm_context *ctx, float real, int32_t *multiplier,
				int8_t *shift)
{
	int32_t s = 0;

	ZTFLM_CHECK(ctx, real > 0.0f && real < 1.0f, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input scales");
	ztflm_quantize_multiplier((double)real, multiplier, &s);
	*shift = (int8_t)s;
	return ZTFLM_OK;
}

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
	rc = ztflm_add_sub_check_quant(ctx, "input 1", &t[0]);
	if (rc == ZTFLM_OK) {
		rc = ztflm_add_sub_check_quant(ctx, "input 2", &t[1]);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_add_sub_check_quant(ctx, "output", &t[2]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	p->left_shift = t[2].type == ZTFLM_INT16 ? 15 : 20;
	p->input1_offset = -t[0].zero_point;
	p->input2_offset = -t[1].zero_point;
	p->output_offset = t[2].zero_point;

	const float max_scale = t[0].scale < t[1].scale ? t[1].scale : t[0].scale;
	const float twice_max = 2.0f * max_scale;

	rc = multiplier_below_one(ctx, t[0].scale / twice_max, &p->input1_multiplier,
				  &p->input1_shift);
	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(ctx, t[1].scale / twice_max, &p->input2_multiplier,
					  &p->input2_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(ctx,
					  twice_max / ((float)(1 << p->left_shift) * t[2].scale),
					  &p->output_multiplier, &p->output_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_activation_range_quantized(ctx, act, t[2].scale, t[2].zero_point,
						      t[2].type, &p->act.q.min, &p->act.q.max);
	}
	return rc;
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

const struct ztflm_kernel ztflm_kernel_sub = {sub_prepare, sub_eval};
