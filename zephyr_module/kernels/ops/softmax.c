/* SOFTMAX: int8 to int8 or int16, and float32, as TFLM's CalculateSoftmaxParams allows. */
#include <ztflm/op.h>
#include <math.h>

#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/softmax.h"

#define SCALED_DIFF_INTEGER_BITS 5

static int prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor out;
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count == 1 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs 1 input and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &in);
	if (!rc) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in.dims_count >= 1 && in.elements == out.elements &&
			    out.dims_count == in.dims_count &&
			    out.dims[out.dims_count - 1] == in.dims[in.dims_count - 1],
		    ZTFLM_ERR_MODEL, "output shape differs from the input's");

	struct ztflm_softmax_params *p = ztflm_alloc_op_data(ctx, sizeof(*p));

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	p->in_type = in.type;
	p->out_type = out.type;
	p->depth = in.dims[in.dims_count - 1];
	p->outer = p->depth ? (int32_t)(in.elements / (uint32_t)p->depth) : 0;
	p->beta = ztflm_option_f32(ctx, ZTFLM_SOFTMAX_BETA, 0.0f);

	if (in.type == ZTFLM_FLOAT32) {
		ZTFLM_CHECK(ctx, out.type == ZTFLM_FLOAT32, ZTFLM_ERR_UNSUPPORTED,
			    "float input needs a float output, not %s", ztflm_type_name(out.type));
		return ZTFLM_OK;
	}
	if (in.type != ZTFLM_INT8) {
		return ztflm_fail_type(ctx, "input", in.type);
	}
	if (out.type == ZTFLM_INT8) {
		ZTFLM_CHECK(ctx, out.zero_point == -128 && out.scale == 1.0f / 256,
			    ZTFLM_ERR_UNSUPPORTED,
			    "int8 output must have scale 1/256 and zero point -128");
	} else if (out.type == ZTFLM_INT16) {
		ZTFLM_CHECK(ctx, out.zero_point == -32768 &&
				    fabsf(out.scale - 1.0f / 65536) <= 0.001f * 1.0f / 65536,
			    ZTFLM_ERR_UNSUPPORTED,
			    "int16 output must have scale 1/65536 and zero point -32768");
	} else {
		return ztflm_fail_type(ctx, "output", out.type);
	}
	/* TFLM PreprocessSoftmaxScaling and CalculateInputRadius, in double. */
	const double max_real = (double)((1LL << 31) - 1);
	double real = (double)p->beta * (double)in.scale *
		      (double)(1 << (31 - SCALED_DIFF_INTEGER_BITS));

	if (real > max_real) {
		real = max_real;
	}
	/* TFLM's QuantizeMultiplierGreaterThanOne aborts on anything else. */
	ZTFLM_CHECK(ctx, real > 1.0, ZTFLM_ERR_UNSUPPORTED,
		    "beta times input scale is too small (below 2^-26)");
	ztflm_quantize_multiplier(real, &p->input_multiplier, &p->input_left_shift);
	ZTFLM_CHECK(ctx, p->input_left_shift >= 0 && p->input_left_shift <= 31,
		    ZTFLM_ERR_UNSUPPORTED, "beta times input scale is out of range");
	const double radius = floor(((1 << SCALED_DIFF_INTEGER_BITS) - 1) *
				    (double)(1LL << (31 - SCALED_DIFF_INTEGER_BITS)) /
				    (double)(1LL << p->input_left_shift));

	p->diff_min = (int32_t)(-1.0 * radius);
	return ZTFLM_OK;
}

static int eval(struct ztflm_context *ctx)
{
	const struct ztflm_softmax_params *p = ctx->op_data;

	if (p->in_type == ZTFLM_FLOAT32) {
		ztflm_softmax_f32(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	} else if (p->out_type == ZTFLM_INT8) {
		ztflm_softmax_s8(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	} else {
		ztflm_softmax_s8_s16(p, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0));
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_softmax = {
	.prepare = prepare,
	.eval = eval,
	.builtin = ZTFLM_OP_SOFTMAX,
};
