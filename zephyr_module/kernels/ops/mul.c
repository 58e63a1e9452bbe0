/* MUL: node layer (checks, quantization parameters, dispatch). */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/mul.h"

struct mul_op {
	struct ztflm_mul_params params;
	uint32_t type;
	struct ztflm_bcast bcast; /* followed by its loops */
};

static int check_quant(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t)
{
	ZTFLM_MSG_ONLY(what);
	ZTFLM_CHECK(ctx, t->scale_count > 0, ZTFLM_ERR_MODEL, "%s is not quantized", what);
	/* Written so that NaN fails too. */
	ZTFLM_CHECK(ctx, t->scale > 0.0f && t->scale <= 3.4e38f, ZTFLM_ERR_MODEL,
		    "%s has a scale that is not positive and finite", what);
	if (t->type == ZTFLM_INT8) {
		ZTFLM_CHECK(ctx, t->zero_point >= INT8_MIN && t->zero_point <= INT8_MAX,
			    ZTFLM_ERR_MODEL, "%s zero point %d is outside the int8 range", what,
			    (int)t->zero_point);
	} else {
		ZTFLM_CHECK(ctx, t->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "%s: int16 needs a zero point of 0, not %d", what, (int)t->zero_point);
	}
	return ZTFLM_OK;
}

static int quant_params(struct ztflm_context *ctx, const struct ztflm_tensor t[3], int32_t act,
			struct ztflm_mul_params *p)
{
	int rc = check_quant(ctx, "input 1", &t[0]);

	if (rc == ZTFLM_OK) {
		rc = check_quant(ctx, "input 2", &t[1]);
	}
	if (rc == ZTFLM_OK) {
		rc = check_quant(ctx, "output", &t[2]);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_activation_range_quantized(ctx, act, t[2].scale, t[2].zero_point,
						      t[2].type, &p->act.q.min, &p->act.q.max);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	const double real = (double)t[0].scale * (double)t[1].scale / (double)t[2].scale;

	ztflm_quantize_multiplier(real, &p->output_multiplier, &p->output_shift);
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->output_shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input scales");
	p->input1_offset = -t[0].zero_point;
	p->input2_offset = -t[1].zero_point;
	p->output_offset = t[2].zero_point;
	return ZTFLM_OK;
}

static int mul_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor t[3];
	struct ztflm_bcast_dim dims[ZTFLM_MAX_DIMS];
	struct ztflm_mul_params p = {0};
	uint32_t ndims = 0;
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_ARITH_ACTIVATION, ZTFLM_ACT_NONE);
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
	ZTFLM_CHECK(ctx, t[0].type == t[2].type && t[1].type == t[2].type, ZTFLM_ERR_MODEL,
		    "input types %s and %s differ from the output type %s",
		    ztflm_type_name(t[0].type), ztflm_type_name(t[1].type),
		    ztflm_type_name(t[2].type));
	switch (t[2].type) {
	case ZTFLM_FLOAT32:
		ztflm_activation_range_float(act, &p.act.f.min, &p.act.f.max);
		break;
	case ZTFLM_INT32:
		/* TFLM's CalculateActivationRange<int32_t>; no rescaling. */
		p.act.q.min = act == ZTFLM_ACT_RELU || act == ZTFLM_ACT_RELU6
				      ? 0
				      : (act == ZTFLM_ACT_RELU_N1_TO_1 ? -1 : INT32_MIN);
		p.act.q.max = act == ZTFLM_ACT_RELU6
				      ? 6
				      : (act == ZTFLM_ACT_RELU_N1_TO_1 ? 1 : INT32_MAX);
		break;
	case ZTFLM_INT8:
	case ZTFLM_INT16:
		rc = quant_params(ctx, t, act, &p);
		if (rc != ZTFLM_OK) {
			return rc;
		}
		break;
	default:
		return ztflm_fail_type(ctx, "output", t[2].type);
	}
	rc = ztflm_bcast_plan(ctx, &t[0], &t[1], &t[2], dims, &ndims);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct mul_op *op = ztflm_alloc_op_data(ctx, (uint32_t)sizeof(struct mul_op) -
							     (uint32_t)sizeof(struct ztflm_bcast) +
							     ztflm_bcast_bytes(ndims));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	op->params = p;
	op->type = t[2].type;
	op->bcast.ndims = ndims;
	struct ztflm_bcast_dim *loops = (struct ztflm_bcast_dim *)(void *)(&op->bcast + 1);

	for (uint32_t i = 0; i < ndims; i++) {
		loops[i] = dims[i];
	}
	return ZTFLM_OK;
}

static int mul_eval(struct ztflm_context *ctx)
{
	const struct mul_op *op = ctx->op_data;
	const void *in1 = ztflm_input_data(ctx, 0);
	const void *in2 = ztflm_input_data(ctx, 1);
	void *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_mul_s8(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT16:
		ztflm_mul_s16(&op->params, &op->bcast, in1, in2, out);
		break;
	case ZTFLM_INT32:
		ztflm_mul_s32(&op->params, &op->bcast, in1, in2, out);
		break;
	default:
		ztflm_mul_f32(&op->params, &op->bcast, in1, in2, out);
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_mul = {
	.prepare = mul_prepare,
	.eval = mul_eval,
	.builtin = ZTFLM_OP_MUL,
};
