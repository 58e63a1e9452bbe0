/* RELU and RELU6: node layer (checks, quantization parameters, dispatch). */
#include <ztflm/op.h>
#include <math.h>

#include "common/quant.h"
#include "ops/relu.h"

struct relu_op {
	struct ztflm_relu_params params;
	uint32_t count;
	uint32_t type;
};

struct relu6_op {
	struct ztflm_relu6_params params;
	uint32_t count;
	uint32_t type;
};

/* The checks RELU and RELU6 share; t gets the input and the output. */
static int check_node(struct ztflm_context *ctx, struct ztflm_tensor t[2])
{
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count == 1 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs 1 input and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &t[0]);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &t[1]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (t[0].type != ZTFLM_FLOAT32 && t[0].type != ZTFLM_INT8 && t[0].type != ZTFLM_INT16) {
		return ztflm_fail_type(ctx, "input", t[0].type);
	}
	ZTFLM_CHECK(ctx, t[1].type == t[0].type, ZTFLM_ERR_MODEL,
		    "output type %s differs from the input type %s", ztflm_type_name(t[1].type),
		    ztflm_type_name(t[0].type));
	ZTFLM_CHECK(ctx, t[0].elements == t[1].elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)t[0].elements,
		    (unsigned)t[1].elements);
	return ZTFLM_OK;
}

static int check_quant(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t,
		       bool int16_needs_zero)
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
	if (t->type == ZTFLM_INT16 && int16_needs_zero) {
		ZTFLM_CHECK(ctx, t->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "%s: int16 needs a zero point of 0, not %d", what, (int)t->zero_point);
	}
	return ZTFLM_OK;
}

static int relu_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor t[2];
	int rc = check_node(ctx, t);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct relu_op *op = ztflm_alloc_op_data(ctx, sizeof(*op));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	op->count = t[1].elements;
	op->type = t[0].type;
	if (t[0].type == ZTFLM_FLOAT32) {
		return ZTFLM_OK;
	}
	rc = check_quant(ctx, "input", &t[0], true);
	if (rc == ZTFLM_OK) {
		rc = check_quant(ctx, "output", &t[1], true);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct ztflm_relu_params *p = &op->params;
	/* TFLM divides in float before widening. */
	const float real = t[0].scale / t[1].scale;

	ZTFLM_CHECK(ctx, real <= 3.4e38f, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	ztflm_quantize_multiplier((double)real, &p->multiplier, &p->shift);
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	p->input_zero_point = t[0].zero_point;
	p->output_zero_point = t[1].zero_point;
	/* Zero in the output's quantization is its zero point; no upper bound. */
	p->act_min = t[1].zero_point;
	p->act_max = t[1].type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;
	return ZTFLM_OK;
}

static int relu_eval(struct ztflm_context *ctx)
{
	const struct relu_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_relu_s8(&op->params, in, out, op->count);
		break;
	case ZTFLM_INT16:
		ztflm_relu_s16(&op->params, in, out, op->count);
		break;
	default:
		ztflm_relu_f32(in, out, op->count);
		break;
	}
	return ZTFLM_OK;
}

/*
 * TFLM FloatToQuantizedType(6.0f, scale, zp), saturated to the type. A quotient
 * beyond int32 converts to INT32_MIN on the x86 hosts TFLM is checked on.
 */
static int32_t quantized_six(float scale, int32_t zero_point, int32_t lo, int32_t hi)
{
	const double r = (double)roundf(6.0f / scale) + (double)zero_point;
	const int32_t q = (r >= -2147483648.0 && r < 2147483648.0) ? (int32_t)r : INT32_MIN;

	return ztflm_clamp_i32(q, lo, hi);
}

static int relu6_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor t[2];
	int rc = check_node(ctx, t);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct relu6_op *op = ztflm_alloc_op_data(ctx, sizeof(*op));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	op->count = t[1].elements;
	op->type = t[0].type;
	if (t[0].type == ZTFLM_FLOAT32) {
		return ZTFLM_OK;
	}
	/* Only the input's quantization matters: TFLM clamps without rescaling. */
	rc = check_quant(ctx, "input", &t[0], false);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	const bool s8 = t[0].type == ZTFLM_INT8;

	op->params.lower = t[0].zero_point;
	op->params.upper = quantized_six(t[0].scale, t[0].zero_point, s8 ? INT8_MIN : INT16_MIN,
					 s8 ? INT8_MAX : INT16_MAX);
	return ZTFLM_OK;
}

static int relu6_eval(struct ztflm_context *ctx)
{
	const struct relu6_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);

	switch (op->type) {
	case ZTFLM_INT8:
		ztflm_relu6_s8(&op->params, in, out, op->count);
		break;
	case ZTFLM_INT16:
		ztflm_relu6_s16(&op->params, in, out, op->count);
		break;
	default:
		ztflm_relu6_f32(in, out, op->count);
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_relu = {
	.prepare = relu_prepare,
	.eval = relu_eval,
	.builtin = ZTFLM_OP_RELU,
};
const struct ztflm_op ztflm_op_relu6 = {
	.prepare = relu6_prepare,
	.eval = relu6_eval,
	.builtin = ZTFLM_OP_RELU6,
};
