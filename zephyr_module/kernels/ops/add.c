/* ADD: node layer (checks, quantization parameters, dispatch) and the parts SUB shares. */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/add_sub.h"

int ztflm_add_sub_prepare_common(struct ztflm_context *ctx, struct ztflm_tensor t[3],
				 struct ztflm_add_sub_op **op)
{
	struct ztflm_bcast_dim dims[ZTFLM_MAX_DIMS];
	uint32_t ndims = 0;
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count == 2 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs 2 inputs and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &t[0]);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_input(ctx, 1, &t[1]);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &t[2]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	switch (t[2].type) {
	case ZTFLM_FLOAT32:
	case ZTFLM_INT8:
	case ZTFLM_INT16:
	case ZTFLM_INT32:
		break;
	default:
		return ztflm_fail_type(ctx, "output", t[2].type);
	}
	ZTFLM_CHECK(ctx, t[0].type == t[2].type && t[1].type == t[2].type, ZTFLM_ERR_MODEL,
		    "input types %s and %s differ from the output type %s",
		    ztflm_type_name(t[0].type), ztflm_type_name(t[1].type),
		    ztflm_type_name(t[2].type));
	rc = ztflm_bcast_plan(ctx, &t[0], &t[1], &t[2], dims, &ndims);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	*op = ztflm_alloc_op_data(ctx, (uint32_t)sizeof(struct ztflm_add_sub_op) -
						(uint32_t)sizeof(struct ztflm_bcast) +
						ztflm_bcast_bytes(ndims));
	if (*op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	(*op)->type = t[2].type;
	(*op)->bcast.ndims = ndims;
	struct ztflm_bcast_dim *out_dims = (struct ztflm_bcast_dim *)(void *)(&(*op)->bcast + 1);

	for (uint32_t i = 0; i < ndims; i++) {
		out_dims[i] = dims[i];
	}
	return ZTFLM_OK;
}

static int check_quant(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t)
{
	ZTFLM_MSG_ONLY(what);
	const int32_t lo = t->type == ZTFLM_INT8 ? INT8_MIN : INT16_MIN;
	const int32_t hi = t->type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;

	ZTFLM_CHECK(ctx, t->scale_count > 0, ZTFLM_ERR_MODEL, "%s is not quantized", what);
	/* Written so that NaN fails too. */
	ZTFLM_CHECK(ctx, t->scale > 0.0f && t->scale <= 3.4e38f, ZTFLM_ERR_MODEL,
		    "%s has a scale that is not positive and finite", what);
	ZTFLM_CHECK(ctx, t->zero_point >= lo && t->zero_point <= hi, ZTFLM_ERR_MODEL,
		    "%s zero point %d is outside its type's range", what, (int)t->zero_point);
	return ZTFLM_OK;
}

/* TFLM QuantizeMultiplierSmallerThanOneExp, which aborts outside (0, 1). */
static int multiplier_below_one(struct ztflm_context *ctx, double real, int32_t *multiplier,
				int8_t *shift)
{
	int32_t s = 0;

	ZTFLM_CHECK(ctx, real > 0.0 && real < 1.0, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input scales");
	ztflm_quantize_multiplier(real, multiplier, &s);
	*shift = (int8_t)s;
	return ZTFLM_OK;
}

int ztflm_add_sub_quant_params(struct ztflm_context *ctx, const struct ztflm_tensor t[3],
			       int32_t act, struct ztflm_add_sub_params *p)
{
	int rc;

	rc = check_quant(ctx, "input 1", &t[0]);
	if (rc == ZTFLM_OK) {
		rc = check_quant(ctx, "input 2", &t[1]);
	}
	if (rc == ZTFLM_OK) {
		rc = check_quant(ctx, "output", &t[2]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* Both inputs go to a common scale with 20 (int16: 15) bits of headroom. */
	p->left_shift = t[2].type == ZTFLM_INT16 ? 15 : 20;
	p->input1_offset = -t[0].zero_point;
	p->input2_offset = -t[1].zero_point;
	p->output_offset = t[2].zero_point;

	const float max_scale = t[0].scale < t[1].scale ? t[1].scale : t[0].scale;
	const double twice_max = 2.0 * (double)max_scale;

	rc = multiplier_below_one(ctx, (double)t[0].scale / twice_max, &p->input1_multiplier,
				  &p->input1_shift);
	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(ctx, (double)t[1].scale / twice_max,
					  &p->input2_multiplier, &p->input2_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(
			ctx, twice_max / ((double)(1 << p->left_shift) * (double)t[2].scale),
			&p->output_multiplier, &p->output_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_activation_range_quantized(ctx, act, t[2].scale, t[2].zero_point,
						      t[2].type, &p->act.q.min, &p->act.q.max);
	}
	return rc;
}

static int add_prepare(struct ztflm_context *ctx)
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
		ZTFLM_CHECK(ctx, t[0].scale_count == 0 && t[1].scale_count == 0,
			    ZTFLM_ERR_UNSUPPORTED, "int32 inputs must not be quantized");
		/* TFLM ignores the fused activation of an int32 ADD. */
		p->act.q.min = INT32_MIN;
		p->act.q.max = INT32_MAX;
		return ZTFLM_OK;
	}
	return ztflm_add_sub_quant_params(ctx, t, act, p);
}

static int add_eval(struct ztflm_context *ctx)
{
	const struct ztflm_add_sub_op *op = ctx->op_data;
	const void *in1 = ztflm_input_data(ctx, 0);
	const void *in2 = ztflm_input_data(ctx, 1);
	void *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_add_s8(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT16:
		ztflm_add_s16(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT32:
		ztflm_add_s32(&op->params, &op->bcast, in1, in2, out);
		break;
	default:
		ztflm_add_f32(&op->params, &op->bcast, in1, in2, out);
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_add = {
	.prepare = add_prepare,
	.eval = add_eval,
	.builtin = ZTFLM_OP_ADD,
};
