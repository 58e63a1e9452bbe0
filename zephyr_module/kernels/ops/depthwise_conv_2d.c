/* DEPTHWISE_CONV_2D: node layer (checks, padding, per-channel quantization, dispatch). */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/conv_2d.h"
#include "ops/depthwise_conv_2d.h"

struct dw_op {
	struct ztflm_dw_conv_params params;
	uint8_t type;
	uint8_t has_bias;
	int32_t scratch; /**< scratch index, -1 for none */
	/* then the multipliers and the shifts, 1 or output_c of each (int8 only) */
};

static int dw_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor filter;
	struct ztflm_tensor bias;
	struct ztflm_tensor out;
	struct ztflm_dw_conv_params p = {0};
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
	ZTFLM_CHECK(ctx, in.dims_count == 4 && filter.dims_count == 4 && out.dims_count == 4,
		    ZTFLM_ERR_MODEL, "input, filter and output must have rank 4, not %d, %d, %d",
		    (int)in.dims_count, (int)filter.dims_count, (int)out.dims_count);
	p.batches = in.dims[0];
	p.input_h = in.dims[1];
	p.input_w = in.dims[2];
	p.input_c = in.dims[3];
	p.filter_h = filter.dims[1];
	p.filter_w = filter.dims[2];
	p.output_c = filter.dims[3];
	p.output_h = out.dims[1];
	p.output_w = out.dims[2];
	p.depth_multiplier = ztflm_option_i32(ctx, ZTFLM_DW_DEPTH_MULTIPLIER, 0);
	ZTFLM_CHECK(ctx, filter.dims[0] >= 1, ZTFLM_ERR_MODEL, "filter dimension 0 is %d",
		    (int)filter.dims[0]);
	ZTFLM_CHECK(ctx, out.dims[0] == p.batches, ZTFLM_ERR_MODEL,
		    "output has %d batches but the input %d", (int)out.dims[0], (int)p.batches);
	ZTFLM_CHECK(ctx, out.dims[3] == p.output_c, ZTFLM_ERR_MODEL,
		    "filter has %d output channels but the output %d", (int)p.output_c,
		    (int)out.dims[3]);
	ZTFLM_CHECK(ctx,
		    p.depth_multiplier > 0 &&
			    (int64_t)p.input_c * p.depth_multiplier == (int64_t)p.output_c,
		    ZTFLM_ERR_MODEL, "%d input channels times depth multiplier %d are not %d",
		    (int)p.input_c, (int)p.depth_multiplier, (int)p.output_c);
	if (has_bias) {
		ZTFLM_CHECK(ctx, bias.elements == (uint32_t)p.output_c, ZTFLM_ERR_MODEL,
			    "filter has %d output channels but bias has %u", (int)p.output_c,
			    bias.elements);
	}
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_DW_ACTIVATION, ZTFLM_ACT_NONE);

	p.stride_h = ztflm_option_i32(ctx, ZTFLM_DW_STRIDE_H, 0);
	p.stride_w = ztflm_option_i32(ctx, ZTFLM_DW_STRIDE_W, 0);
	p.dilation_h = ztflm_option_i32(ctx, ZTFLM_DW_DILATION_H, 1);
	p.dilation_w = ztflm_option_i32(ctx, ZTFLM_DW_DILATION_W, 1);
	rc = ztflm_conv_window(ctx, ztflm_option_i8(ctx, ZTFLM_DW_PADDING, ZTFLM_PADDING_SAME),
			       p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.input_h,
			       p.input_w, p.filter_h, p.filter_w, p.output_h, p.output_w, &p.pad_h,
			       &p.pad_w);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	int32_t count = 0;

	if (in.type == ZTFLM_INT8) {
		rc = ztflm_conv_check_quant(ctx, &in, &filter, &out, p.output_c, &p.per_channel);
		if (rc == ZTFLM_OK) {
			rc = ztflm_activation_range_quantized(ctx, act, out.scale, out.zero_point,
							      out.type, &p.act.q.min, &p.act.q.max);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
		p.input_offset = -in.zero_point;
		p.output_offset = out.zero_point;
		count = p.per_channel ? p.output_c : 1;
	} else {
		ztflm_activation_range_float(act, &p.act.f.min, &p.act.f.max);
	}
	struct dw_op *op = ztflm_alloc_op_data(
		ctx, (uint32_t)sizeof(struct dw_op) + 2u * (uint32_t)count * sizeof(int32_t));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	int32_t *mult = (int32_t *)(void *)(op + 1);

	if (count > 0) {
		rc = ztflm_conv_multipliers(ctx, &in, &filter, &out, count, mult, mult + count);
		if (rc != ZTFLM_OK) {
			return rc;
		}
	}
	op->params = p;
	op->type = in.type;
	op->has_bias = has_bias ? 1 : 0;
	op->scratch = -1;
	const uint32_t scratch = in.type == ZTFLM_INT8
					 ? ztflm_depthwise_conv_2d_s8_scratch_bytes(&p)
					 : ztflm_depthwise_conv_2d_f32_scratch_bytes(&p);

	if (scratch > 0) {
		return ztflm_request_scratch(ctx, scratch, &op->scratch);
	}
	return ZTFLM_OK;
}

static int dw_eval(struct ztflm_context *ctx)
{
	const struct dw_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	const void *filter = ztflm_input_data(ctx, 1);
	const void *bias = op->has_bias ? ztflm_input_data(ctx, 2) : NULL;
	void *out = ztflm_output_data(ctx, 0);
	void *scratch = op->scratch >= 0 ? ztflm_scratch(ctx, op->scratch) : NULL;

	if (op->type == ZTFLM_INT8) {
		const int32_t *mult = (const int32_t *)(const void *)(op + 1);
		const int32_t count = op->params.per_channel ? op->params.output_c : 1;

		ztflm_depthwise_conv_2d_s8(&op->params, mult, mult + count, in, filter, bias, out,
					   scratch);
	} else {
		ztflm_depthwise_conv_2d_f32(&op->params, in, filter, bias, out, scratch);
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_depthwise_conv_2d = {
	.prepare = dw_prepare,
	.eval = dw_eval,
	.builtin = ZTFLM_OP_DEPTHWISE_CONV_2D,
};
