/* CONCATENATION: node layer (shape checks, row sizes, one copy per input). */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "ops/concatenation.h"

#include <ztflm/kernel.h>

struct concatenation_op {
	struct ztflm_concatenation_params params;
	uint32_t count;
	uint32_t input_row[]; /* bytes of one row of each input */
};

static int check_input(struct ztflm_context *ctx, int32_t i, const struct ztflm_tensor *in,
		       const struct ztflm_tensor *out, int32_t axis)
{
	ZTFLM_MSG_ONLY(i);
	ZTFLM_CHECK(ctx, in->type == out->type, ZTFLM_ERR_MODEL,
		    "input %d type %s differs from the output type %s", (int)i,
		    ztflm_type_name(in->type), ztflm_type_name(out->type));
	ZTFLM_CHECK(ctx, in->dims_count == out->dims_count, ZTFLM_ERR_MODEL,
		    "input %d has rank %d but the output has rank %d", (int)i,
		    (int)in->dims_count, (int)out->dims_count);
	for (int32_t d = 0; d < out->dims_count; d++) {
		ZTFLM_CHECK(ctx, d == axis || in->dims[d] == out->dims[d], ZTFLM_ERR_MODEL,
			    "input %d dimension %d is %d but the output's is %d", (int)i, (int)d,
			    (int)in->dims[d], (int)out->dims[d]);
		ZTFLM_CHECK(ctx, in->dims[d] >= 0, ZTFLM_ERR_MODEL,
			    "input %d has a negative dimension", (int)i);
	}
	if (in->type == ZTFLM_INT8) {
		/* TFLM does not rescale int8 inputs. */
		ZTFLM_CHECK(ctx, in->scale == out->scale && in->zero_point == out->zero_point,
			    ZTFLM_ERR_UNSUPPORTED,
			    "input %d quantization differs from the output's (no rescaling)",
			    (int)i);
	} else if (in->type == ZTFLM_INT16) {
		ZTFLM_CHECK(ctx, in->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "input %d: int16 needs a zero point of 0, not %d", (int)i,
			    (int)in->zero_point);
	}
	return ZTFLM_OK;
}

static int concatenation_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor out;
	struct ztflm_tensor in;
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count >= 1 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs inputs and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_output(ctx, 0, &out);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	switch (out.type) {
	case ZTFLM_FLOAT32:
	case ZTFLM_INT8:
	case ZTFLM_INT16:
	case ZTFLM_INT32:
	case ZTFLM_INT64:
	case ZTFLM_BOOL:
		break;
	default:
		return ztflm_fail_type(ctx, "output", out.type);
	}
	ZTFLM_CHECK(ctx, ztflm_option_i8(ctx, ZTFLM_CONCAT_ACTIVATION, ZTFLM_ACT_NONE) ==
				 ZTFLM_ACT_NONE,
		    ZTFLM_ERR_UNSUPPORTED, "fused activations are not supported");
	ZTFLM_CHECK(ctx, out.type != ZTFLM_INT16 || out.zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
		    "int16 needs a zero point of 0, not %d", (int)out.zero_point);

	int32_t axis = ztflm_option_i32(ctx, ZTFLM_CONCAT_AXIS, 0);

	if (axis < 0) {
		axis += out.dims_count;
	}
	ZTFLM_CHECK(ctx, axis >= 0 && axis < out.dims_count, ZTFLM_ERR_MODEL,
		    "axis %d is out of range for rank %d",
		    (int)ztflm_option_i32(ctx, ZTFLM_CONCAT_AXIS, 0), (int)out.dims_count);

	struct concatenation_op *op = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*op) + (uint32_t)ctx->inputs_count * sizeof(uint32_t)));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	/* Bytes of one element times the dimensions after the axis. */
	uint32_t inner = ztflm_type_size(out.type);
	uint32_t outer = 1;
	int64_t axis_sum = 0;

	for (int32_t d = 0; d < out.dims_count; d++) {
		if (d < axis) {
			outer *= (uint32_t)out.dims[d];
		} else if (d > axis) {
			inner *= (uint32_t)out.dims[d];
		}
	}
	for (int32_t i = 0; i < ctx->inputs_count; i++) {
		rc = ztflm_get_input(ctx, i, &in);
		if (rc == ZTFLM_OK) {
			rc = check_input(ctx, i, &in, &out, axis);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
		axis_sum += in.dims[axis];
		op->input_row[i] = (uint32_t)in.dims[axis] * inner;
	}
	ZTFLM_CHECK(ctx, axis_sum == out.dims[axis], ZTFLM_ERR_MODEL,
		    "the inputs add up to %d along the axis but the output has %d",
		    (int)axis_sum, (int)out.dims[axis]);
	op->params.outer = outer;
	op->params.output_row = (uint32_t)out.dims[axis] * inner;
	op->count = (uint32_t)ctx->inputs_count;
	return ZTFLM_OK;
}

static int concatenation_eval(struct ztflm_context *ctx)
{
	const struct concatenation_op *op = ctx->op_data;
	void *out = ztflm_output_data(ctx, 0);
	uint32_t offset = 0;

	for (uint32_t i = 0; i < op->count; i++) {
		ztflm_concatenation_copy(&op->params, ztflm_input_data(ctx, (int32_t)i),
					 op->input_row[i], offset, out);
		offset += op->input_row[i];
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_concatenation = {
	.prepare = concatenation_prepare,
	.eval = concatenation_eval,
	.builtin = ZTFLM_OP_CONCATENATION,
};
