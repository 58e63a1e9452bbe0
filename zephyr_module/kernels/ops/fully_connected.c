/* FULLY_CONNECTED: node layer (checks, flattening to batches x depth, dispatch). */
#include <ztflm/op.h>
#include <math.h>

#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/conv_2d.h"
#include "ops/fully_connected.h"

struct fc_op {
	struct ztflm_fc_params params;
	uint8_t type;
	uint8_t has_bias;
	int32_t scratch; /**< scratch index, -1 for none */
	/* then the multipliers and the shifts, 1 or output_depth of each (int8 only) */
};

/* TFLM GetQuantizedConvolutionMultipler: per-tensor, the scale product is taken in float. */
static int per_tensor_multiplier(struct ztflm_context *ctx, const struct ztflm_tensor *in,
				 const struct ztflm_tensor *filter, const struct ztflm_tensor *bias,
				 const struct ztflm_tensor *out, int32_t *multiplier,
				 int32_t *shift)
{
	if (bias != NULL) {
		const double product = (double)in->scale * (double)filter->scale;
		const double diff = fabs(product - (double)bias->scale);

		ZTFLM_CHECK(ctx, diff / (double)out->scale <= 0.02, ZTFLM_ERR_MODEL,
			    "bias scale is not input scale times filter scale");
	}
	const float product = in->scale * filter->scale;

	ZTFLM_CHECK(ctx, product >= 0.0f, ZTFLM_ERR_MODEL, "negative filter scale");
	ztflm_quantize_multiplier((double)product / (double)out->scale, multiplier, shift);
	ZTFLM_CHECK(ctx, *shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input and filter scales");
	return ZTFLM_OK;
}

static int fc_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor filter;
	struct ztflm_tensor bias;
	struct ztflm_tensor out;
	struct ztflm_fc_params p = {0};
	int rc;

	ZTFLM_CHECK(ctx, (ctx->inputs_count == 2 || ctx->inputs_count == 3) &&
				 ctx->outputs_count == 1,
		    ZTFLM_ERR_MODEL, "needs 2 or 3 inputs and 1 output, has %d and %d",
		    (int)ctx->inputs_count, (int)ctx->outputs_count);
	const bool has_bias = ztflm_has_input(ctx, 2);

	rc = ztflm_get_input(ctx, 0, &in);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_input(ctx, 1, &filter);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc == ZTFLM_OK && has_bias) {
		rc = ztflm_get_input(ctx, 2, &bias);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in.type == out.type, ZTFLM_ERR_MODEL,
		    "input type %s differs from the output type %s", ztflm_type_name(in.type),
		    ztflm_type_name(out.type));
	if (in.type != ZTFLM_INT8 && in.type != ZTFLM_FLOAT32) {
		return ztflm_fail_type(ctx, "input", in.type);
	}
	if (filter.type != in.type) {
		return ztflm_fail_type(ctx, "filter", filter.type);
	}
	if (has_bias && bias.type != (in.type == ZTFLM_INT8 ? ZTFLM_INT32 : ZTFLM_FLOAT32)) {
		return ztflm_fail_type(ctx, "bias", bias.type);
	}
	ZTFLM_CHECK(ctx, ztflm_option_i8(ctx, ZTFLM_FC_WEIGHTS_FORMAT, 0) == 0,
		    ZTFLM_ERR_UNSUPPORTED, "shuffled weights are not supported");
	ZTFLM_CHECK(ctx, filter.dims_count >= 2 && out.dims_count >= 1, ZTFLM_ERR_MODEL,
		    "filter rank %d and output rank %d are too small", (int)filter.dims_count,
		    (int)out.dims_count);
	/* As TFLM: batches and units from the output, the depth from the filter. */
	uint64_t batches = 1;

	for (int32_t i = 0; i + 1 < out.dims_count; i++) {
		batches *= (uint64_t)(uint32_t)out.dims[i];
	}
	p.output_depth = out.dims[out.dims_count - 1];
	p.accum_depth = filter.dims[filter.dims_count - 1];
	const int32_t units = filter.dims[filter.dims_count - 2];

	ZTFLM_CHECK(ctx, units == p.output_depth, ZTFLM_ERR_MODEL,
		    "filter has %d units but the output %d", (int)units, (int)p.output_depth);
	ZTFLM_CHECK(ctx, batches * (uint64_t)(uint32_t)p.accum_depth == in.elements &&
				 batches <= INT32_MAX,
		    ZTFLM_ERR_MODEL, "input of %u elements is not %u batches of depth %d",
		    in.elements, (unsigned int)batches, (int)p.accum_depth);
	p.batches = (int32_t)batches;
	if (has_bias) {
		ZTFLM_CHECK(ctx, bias.elements == (uint32_t)p.output_depth, ZTFLM_ERR_MODEL,
			    "filter has %d units but bias has %u", (int)p.output_depth,
			    bias.elements);
	}
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_FC_ACTIVATION, ZTFLM_ACT_NONE);
	int32_t count = 0;

	if (in.type == ZTFLM_INT8) {
		rc = ztflm_conv_check_quant(ctx, &in, &filter, &out, p.output_depth,
					    &p.per_channel);
		if (rc == ZTFLM_OK) {
			rc = ztflm_activation_range_quantized(ctx, act, out.scale, out.zero_point,
							      out.type, &p.act.q.min, &p.act.q.max);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
		ZTFLM_CHECK(ctx, filter.zero_point >= INT8_MIN && filter.zero_point <= INT8_MAX,
			    ZTFLM_ERR_MODEL, "filter zero point %d is outside the int8 range",
			    (int)filter.zero_point);
		p.input_offset = -in.zero_point;
		p.output_offset = out.zero_point;
		/* TFLM's per-channel kernel ignores the filter zero point. */
		p.filter_offset = p.per_channel ? 0 : -filter.zero_point;
		count = p.per_channel ? p.output_depth : 1;
	} else {
		ztflm_activation_range_float(act, &p.act.f.min, &p.act.f.max);
	}
	struct fc_op *op = ztflm_alloc_op_data(
		ctx, (uint32_t)sizeof(struct fc_op) + 2u * (uint32_t)count * sizeof(int32_t));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	int32_t *mult = (int32_t *)(void *)(op + 1);

	if (p.per_channel) {
		rc = ztflm_conv_multipliers(ctx, &in, &filter, &out, count, mult, mult + count);
	} else if (count > 0) {
		rc = per_tensor_multiplier(ctx, &in, &filter, has_bias ? &bias : NULL, &out, mult,
					   mult + 1);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	op->params = p;
	op->type = in.type;
	op->has_bias = has_bias ? 1 : 0;
	op->scratch = -1;
	const uint32_t scratch = in.type == ZTFLM_INT8
					 ? ztflm_fully_connected_s8_scratch_bytes(&p)
					 : ztflm_fully_connected_f32_scratch_bytes(&p);

	if (scratch > 0) {
		return ztflm_request_scratch(ctx, scratch, &op->scratch);
	}
	return ZTFLM_OK;
}

static int fc_eval(struct ztflm_context *ctx)
{
	const struct fc_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	const void *filter = ztflm_input_data(ctx, 1);
	const void *bias = op->has_bias ? ztflm_input_data(ctx, 2) : NULL;
	void *out = ztflm_output_data(ctx, 0);
	void *scratch = op->scratch >= 0 ? ztflm_scratch(ctx, op->scratch) : NULL;

	if (op->type == ZTFLM_INT8) {
		const int32_t *mult = (const int32_t *)(const void *)(op + 1);
		const int32_t count = op->params.per_channel ? op->params.output_depth : 1;

		ztflm_fully_connected_s8(&op->params, mult, mult + count, in, filter, bias, out,
					 scratch);
	} else {
		ztflm_fully_connected_f32(&op->params, in, filter, bias, out, scratch);
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_fully_connected = {
	.prepare = fc_prepare,
	.eval = fc_eval,
	.builtin = ZTFLM_OP_FULLY_CONNECTED,
};
