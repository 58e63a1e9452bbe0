/* CONV_2D: node layer (checks, padding, per-channel quantization, dispatch). */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "common/padding.h"
#include "common/quant.h"
#include "ops/conv_2d.h"

struct conv_op {
	struct ztflm_conv_params params;
	uint8_t type;
	uint8_t has_bias;
	int32_t scratch; /**< scratch index, -1 for none */
	/* then the multipliers and the shifts, 1 or output_c of each (int8 only) */
};

int ztflm_conv_window(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		      int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		      int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t out_h,
		      int32_t out_w, int32_t *pad_h, int32_t *pad_w)
{
	struct ztflm_padding_values pad;
	int32_t h;
	int32_t w;

	ZTFLM_CHECK(ctx, padding == ZTFLM_PADDING_SAME || padding == ZTFLM_PADDING_VALID,
		    ZTFLM_ERR_MODEL, "padding %d is neither SAME nor VALID", (int)padding);
	ZTFLM_CHECK(ctx, stride_h > 0 && stride_w > 0, ZTFLM_ERR_MODEL,
		    "strides must be positive, not %d x %d", (int)stride_h, (int)stride_w);
	ZTFLM_CHECK(ctx, dilation_h > 0 && dilation_w > 0, ZTFLM_ERR_MODEL,
		    "dilations must be positive, not %d x %d", (int)dilation_h, (int)dilation_w);
	ZTFLM_CHECK(ctx, filter_h > 0 && filter_w > 0, ZTFLM_ERR_MODEL,
		    "filter is %d x %d", (int)filter_h, (int)filter_w);
	ZTFLM_CHECK(ctx,
		    ztflm_compute_padding(padding, stride_h, stride_w, dilation_h, dilation_w,
					  in_h, in_w, filter_h, filter_w, &h, &w, &pad) == 0,
		    ZTFLM_ERR_MODEL, "window does not fit the %d x %d input", (int)in_h, (int)in_w);
	ZTFLM_CHECK(ctx, h == out_h && w == out_w, ZTFLM_ERR_MODEL,
		    "output is %d x %d but the window gives %d x %d", (int)out_h, (int)out_w,
		    (int)h, (int)w);
	/* The kernels compute out * stride - pad + dilation * (filter - 1) in int32. */
	const int64_t reach_h = (int64_t)(out_h > 0 ? out_h - 1 : 0) * stride_h + pad.height +
				(int64_t)(filter_h - 1) * dilation_h;
	const int64_t reach_w = (int64_t)(out_w > 0 ? out_w - 1 : 0) * stride_w + pad.width +
				(int64_t)(filter_w - 1) * dilation_w;

	ZTFLM_CHECK(ctx, reach_h <= INT32_MAX && reach_w <= INT32_MAX, ZTFLM_ERR_UNSUPPORTED,
		    "window coordinates overflow int32");
	*pad_h = pad.height;
	*pad_w = pad.width;
	return ZTFLM_OK;
}

static int check_scale(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t)
{
	ZTFLM_MSG_ONLY(what);
	ZTFLM_CHECK(ctx, t->scale_count > 0, ZTFLM_ERR_MODEL, "%s is not quantized", what);
	/* Written so that NaN fails too. */
	ZTFLM_CHECK(ctx, t->scale > 0.0f && t->scale <= 3.4e38f, ZTFLM_ERR_MODEL,
		    "%s has a scale that is not positive and finite", what);
	ZTFLM_CHECK(ctx, t->zero_point >= INT8_MIN && t->zero_point <= INT8_MAX, ZTFLM_ERR_MODEL,
		    "%s zero point %d is outside the int8 range", what, (int)t->zero_point);
	return ZTFLM_OK;
}

int ztflm_conv_check_quant(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			   const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
			   int32_t channels, int32_t *per_channel)
{
	int rc = check_scale(ctx, "input", in);

	if (rc == ZTFLM_OK) {
		rc = check_scale(ctx, "output", out);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, filter->scale_count > 0, ZTFLM_ERR_MODEL, "filter is not quantized");
	if (filter->scale_count > 1) {
		const int32_t qd = filter->quantized_dimension;

		ZTFLM_CHECK(ctx, filter->scale_count == channels, ZTFLM_ERR_MODEL,
			    "filter has %d output channels but %d scales", (int)channels,
			    (int)filter->scale_count);
		ZTFLM_CHECK(ctx, qd >= 0 && qd < filter->dims_count && filter->dims[qd] == channels,
			    ZTFLM_ERR_MODEL, "filter is not quantized along its output channels");
	}
	for (int32_t i = 0; i < filter->scale_count; i++) {
		const float s = filter->scales[i];

		ZTFLM_CHECK(ctx, s >= 0.0f && s <= 3.4e38f, ZTFLM_ERR_MODEL,
			    "filter scale %d is negative or not finite", (int)i);
	}
	*per_channel = filter->scale_count > 1 ? 1 : 0;
	return ZTFLM_OK;
}

int ztflm_conv_multipliers(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			   const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
			   int32_t count, int32_t *multiplier, int32_t *shift)
{
	for (int32_t i = 0; i < count; i++) {
		const float s = filter->scale_count > 1 ? filter->scales[i] : filter->scales[0];
		const double real = (double)in->scale * (double)s / (double)out->scale;

		ztflm_quantize_multiplier(real, &multiplier[i], &shift[i]);
		/* Larger left shifts would shift out every bit (and be undefined in C). */
		ZTFLM_CHECK(ctx, shift[i] <= 31, ZTFLM_ERR_UNSUPPORTED,
			    "the output scale is too small for the input and filter scales");
	}
	return ZTFLM_OK;
}

static int get_tensors(struct ztflm_context *ctx, struct ztflm_tensor *in,
		       struct ztflm_tensor *filter, struct ztflm_tensor *bias,
		       struct ztflm_tensor *out, bool *has_bias)
{
	ZTFLM_CHECK(ctx, (ctx->inputs_count == 2 || ctx->inputs_count == 3) &&
				 ctx->outputs_count == 1,
		    ZTFLM_ERR_MODEL, "needs 2 or 3 inputs and 1 output, has %d and %d",
		    (int)ctx->inputs_count, (int)ctx->outputs_count);
	int rc = ztflm_get_input(ctx, 0, in);

	if (rc == ZTFLM_OK) {
		rc = ztflm_get_input(ctx, 1, filter);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, out);
	}
	*has_bias = ztflm_has_input(ctx, 2);
	if (rc == ZTFLM_OK && *has_bias) {
		rc = ztflm_get_input(ctx, 2, bias);
	}
	return rc;
}

static int conv_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor filter;
	struct ztflm_tensor bias;
	struct ztflm_tensor out;
	struct ztflm_conv_params p = {0};
	bool has_bias = false;
	int rc = get_tensors(ctx, &in, &filter, &bias, &out, &has_bias);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in.type == out.type, ZTFLM_ERR_MODEL,
		    "input type %s differs from the output type %s", ztflm_type_name(in.type),
		    ztflm_type_name(out.type));
	if (in.type == ZTFLM_INT8) {
		if (filter.type != ZTFLM_INT8) {
			return ztflm_fail_type(ctx, "filter", filter.type);
		}
		if (has_bias && bias.type != ZTFLM_INT32) {
			return ztflm_fail_type(ctx, "bias", bias.type);
		}
	} else if (in.type == ZTFLM_FLOAT32) {
		if (filter.type != ZTFLM_FLOAT32) {
			return ztflm_fail_type(ctx, "filter", filter.type);
		}
		if (has_bias && bias.type != ZTFLM_FLOAT32) {
			return ztflm_fail_type(ctx, "bias", bias.type);
		}
	} else {
		return ztflm_fail_type(ctx, "input", in.type);
	}
	ZTFLM_CHECK(ctx, in.dims_count == 4 && filter.dims_count == 4 && out.dims_count == 4,
		    ZTFLM_ERR_MODEL, "input, filter and output must have rank 4, not %d, %d, %d",
		    (int)in.dims_count, (int)filter.dims_count, (int)out.dims_count);
	p.batches = in.dims[0];
	p.input_h = in.dims[1];
	p.input_w = in.dims[2];
	p.input_c = in.dims[3];
	p.output_c = filter.dims[0];
	p.filter_h = filter.dims[1];
	p.filter_w = filter.dims[2];
	p.filter_c = filter.dims[3];
	p.output_h = out.dims[1];
	p.output_w = out.dims[2];
	ZTFLM_CHECK(ctx, out.dims[0] == p.batches, ZTFLM_ERR_MODEL,
		    "output has %d batches but the input %d", (int)out.dims[0], (int)p.batches);
	ZTFLM_CHECK(ctx, out.dims[3] == p.output_c, ZTFLM_ERR_MODEL,
		    "filter has %d output channels but the output %d", (int)p.output_c,
		    (int)out.dims[3]);
	ZTFLM_CHECK(ctx, p.filter_c > 0 && p.input_c % p.filter_c == 0, ZTFLM_ERR_MODEL,
		    "input has %d channels, not a multiple of the filter's %d", (int)p.input_c,
		    (int)p.filter_c);
	const int32_t groups = p.input_c / p.filter_c;

	ZTFLM_CHECK(ctx, groups > 0 && p.output_c % groups == 0 && p.output_c > 0,
		    ZTFLM_ERR_MODEL, "%d output channels do not split into %d groups",
		    (int)p.output_c, (int)groups);
	if (has_bias) {
		ZTFLM_CHECK(ctx, bias.elements == (uint32_t)p.output_c, ZTFLM_ERR_MODEL,
			    "filter has %d output channels but bias has %u", (int)p.output_c,
			    bias.elements);
	}
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_CONV_ACTIVATION, ZTFLM_ACT_NONE);

	p.stride_h = ztflm_option_i32(ctx, ZTFLM_CONV_STRIDE_H, 0);
	p.stride_w = ztflm_option_i32(ctx, ZTFLM_CONV_STRIDE_W, 0);
	p.dilation_h = ztflm_option_i32(ctx, ZTFLM_CONV_DILATION_H, 1);
	p.dilation_w = ztflm_option_i32(ctx, ZTFLM_CONV_DILATION_W, 1);
	rc = ztflm_conv_window(ctx, ztflm_option_i8(ctx, ZTFLM_CONV_PADDING, ZTFLM_PADDING_SAME),
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
	struct conv_op *op = ztflm_alloc_op_data(
		ctx, (uint32_t)sizeof(struct conv_op) + 2u * (uint32_t)count * sizeof(int32_t));

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
	const uint32_t scratch = in.type == ZTFLM_INT8 ? ztflm_conv_2d_s8_scratch_bytes(&p)
						       : ztflm_conv_2d_f32_scratch_bytes(&p);

	if (scratch > 0) {
		return ztflm_request_scratch(ctx, scratch, &op->scratch);
	}
	return ZTFLM_OK;
}

static int conv_eval(struct ztflm_context *ctx)
{
	const struct conv_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	const void *filter = ztflm_input_data(ctx, 1);
	const void *bias = op->has_bias ? ztflm_input_data(ctx, 2) : NULL;
	void *out = ztflm_output_data(ctx, 0);
	void *scratch = op->scratch >= 0 ? ztflm_scratch(ctx, op->scratch) : NULL;

	if (op->type == ZTFLM_INT8) {
		const int32_t *mult = (const int32_t *)(const void *)(op + 1);
		const int32_t count = op->params.per_channel ? op->params.output_c : 1;

		ztflm_conv_2d_s8(&op->params, mult, mult + count, in, filter, bias, out, scratch);
	} else {
		ztflm_conv_2d_f32(&op->params, in, filter, bias, out, scratch);
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_conv_2d = {
	.prepare = conv_prepare,
	.eval = conv_eval,
	.builtin = ZTFLM_OP_CONV_2D,
};
