/* The setup the convolution-like operators share (see conv_common.h): prepare only. */
#include <math.h>

#include "common/padding.h"
#include "ops/conv_common.h"

ZTFLM_COLD
int ztflm_conv_padding(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		       int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		       int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t *out_h,
		       int32_t *out_w, int32_t *pad_h, int32_t *pad_w)
{
	struct ztflm_padding_values pad;

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
					  in_h, in_w, filter_h, filter_w, out_h, out_w, &pad) == 0,
		    ZTFLM_ERR_MODEL, "window does not fit the %d x %d input", (int)in_h, (int)in_w);
	/* The kernels compute out * stride - pad + dilation * (filter - 1) in int32. */
	const int64_t reach_h = (int64_t)(*out_h > 0 ? *out_h - 1 : 0) * stride_h + pad.height +
				(int64_t)(filter_h - 1) * dilation_h;
	const int64_t reach_w = (int64_t)(*out_w > 0 ? *out_w - 1 : 0) * stride_w + pad.width +
				(int64_t)(filter_w - 1) * dilation_w;

	ZTFLM_CHECK(ctx, reach_h <= INT32_MAX && reach_w <= INT32_MAX, ZTFLM_ERR_UNSUPPORTED,
		    "window coordinates overflow int32");
	*pad_h = pad.height;
	*pad_w = pad.width;
	return ZTFLM_OK;
}

int ztflm_conv_window(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		      int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		      int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t out_h,
		      int32_t out_w, int32_t *pad_h, int32_t *pad_w)
{
	int32_t h;
	int32_t w;
	const int rc = ztflm_conv_padding(ctx, padding, stride_h, stride_w, dilation_h,
					  dilation_w, in_h, in_w, filter_h, filter_w, &h, &w, pad_h,
					  pad_w);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, h == out_h && w == out_w, ZTFLM_ERR_MODEL,
		    "output is %d x %d but the window gives %d x %d", (int)out_h, (int)out_w,
		    (int)h, (int)w);
	return ZTFLM_OK;
}

/* The weight and bias types each input type takes, as TFLM; the accumulator 16x8 uses. */
static int check_weights(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t channels,
			 uint32_t flags, struct ztflm_conv_quant *q)
{
	const uint8_t type = io->in[0].type;
	const uint8_t filter = io->in[1].type;
	const struct ztflm_tensor *bias = &io->in[2];

	if (type == ZTFLM_FLOAT32 ? filter != type
				  : (filter != ZTFLM_INT8 && filter != ZTFLM_INT4)) {
		return ztflm_fail_type(ctx, "filter", filter);
	}
	/* Without int4 kernels no variant may read packed weights as int8. */
	ZTFLM_CHECK(ctx, filter != ZTFLM_INT4 || ZTFLM_TYPE_BUILT(ZTFLM_INT4), ZTFLM_ERR_UNSUPPORTED,
		    "INT4 filter kernels are not in this build (ZTFLM_TYPES)");
	q->filter_int4 = ZTFLM_TYPE_BUILT(ZTFLM_INT4) && filter == ZTFLM_INT4;
	q->bias16 = 0;
	/* TFLM: an int32 bias, or none and the options saying int32, accumulate in int32. */
	q->acc32 = type == ZTFLM_INT16 && (flags & ZTFLM_CONV_ACC32) != 0u;
	if (bias->index < 0) {
		return ZTFLM_OK;
	}
	if (ZTFLM_TYPE_BUILT(ZTFLM_INT16) && type == ZTFLM_INT16) {
		ZTFLM_CHECK(ctx, bias->type != ZTFLM_INT32 || !(flags & ZTFLM_CONV_BIAS64),
			    ZTFLM_ERR_UNSUPPORTED,
			    "bias type INT32 is not supported with int16 input (TFLM reads it as "
			    "int64)");
		q->bias16 = bias->type == ZTFLM_INT16 && (flags & ZTFLM_CONV_BIAS16) != 0u;
		if (bias->type != ZTFLM_INT64 && bias->type != ZTFLM_INT32 && !q->bias16) {
			return ztflm_fail_type(ctx, "bias", bias->type);
		}
		q->acc32 = bias->type == ZTFLM_INT32;
	} else if (bias->type != (type == ZTFLM_INT8 ? ZTFLM_INT32 : ZTFLM_FLOAT32)) {
		return ztflm_fail_type(ctx, "bias", bias->type);
	}
	ZTFLM_CHECK(ctx, bias->elements == (uint32_t)channels, ZTFLM_ERR_MODEL,
		    "filter has %d output channels but bias has %u", (int)channels,
		    bias->elements);
	return ZTFLM_OK;
}

/* The filter's scales: per tensor, or one per output channel along that dimension. */
static int check_filter(struct ztflm_context *ctx, const struct ztflm_tensor *filter,
			int32_t channels, int32_t *per_channel)
{
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
	ZTFLM_CHECK(ctx, filter->zero_point >= INT8_MIN && filter->zero_point <= INT8_MAX,
		    ZTFLM_ERR_MODEL, "filter zero point %d is outside the int8 range",
		    (int)filter->zero_point);
	*per_channel = filter->scale_count > 1 ? 1 : 0;
	return ZTFLM_OK;
}

/* TFLM PopulateConvolutionQuantizationParams: in scale * filter scale i / out scale. */
static int channel_multipliers(struct ztflm_context *ctx, const struct ztflm_io *io,
			       int32_t count, int32_t max_shift, int32_t *multiplier,
			       int32_t *shift)
{
	const struct ztflm_tensor *filter = &io->in[1];

	for (int32_t i = 0; i < count; i++) {
		const float s = filter->scale_count > 1 ? filter->scales[i] : filter->scales[0];
		const double real = (double)io->in[0].scale * (double)s / (double)io->out[0].scale;

		ztflm_quantize_multiplier(real, &multiplier[i], &shift[i]);
		/* Larger left shifts would shift out every bit (and be undefined in C). */
		ZTFLM_CHECK(ctx, shift[i] <= max_shift, ZTFLM_ERR_UNSUPPORTED,
			    "the output scale is too small for the input and filter scales");
	}
	return ZTFLM_OK;
}

ZTFLM_COLD
int ztflm_conv_product_multiplier(struct ztflm_context *ctx, const struct ztflm_tensor *in,
				  const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
				  int32_t max_shift, int32_t *multiplier, int32_t *shift)
{
	const float product = in->scale * filter->scale;

	ZTFLM_CHECK(ctx, product >= 0.0f, ZTFLM_ERR_MODEL, "negative filter scale");
	ztflm_quantize_multiplier((double)product / (double)out->scale, multiplier, shift);
	ZTFLM_CHECK(ctx, *shift <= max_shift, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input and filter scales");
	return ZTFLM_OK;
}

/* FULLY_CONNECTED's: the bias scale checked first. */
static int fc_multiplier(struct ztflm_context *ctx, const struct ztflm_io *io,
			 int32_t max_shift, int32_t *multiplier, int32_t *shift)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *filter = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];

	if (io->in[2].index >= 0) {
		const double product = (double)in->scale * (double)filter->scale;
		const double diff = fabs(product - (double)io->in[2].scale);

		ZTFLM_CHECK(ctx, diff / (double)out->scale <= 0.02, ZTFLM_ERR_MODEL,
			    "bias scale is not input scale times filter scale");
	}
	return ztflm_conv_product_multiplier(ctx, in, filter, out, max_shift, multiplier, shift);
}

/* TFLM's 16x8 CONV_2D and DEPTHWISE_CONV_2D leave the int16 zero points out of the sums. */
static int check_s16_zero_points(struct ztflm_context *ctx, const struct ztflm_io *io)
{
	ZTFLM_CHECK(ctx, io->in[0].zero_point == 0 && io->out[0].zero_point == 0,
		    ZTFLM_ERR_UNSUPPORTED,
		    "int16 zero points must be 0, not %d (input) and %d (output): TFLM ignores "
		    "them", (int)io->in[0].zero_point, (int)io->out[0].zero_point);
	return ZTFLM_OK;
}

ZTFLM_COLD
int ztflm_conv_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t activation,
		     int32_t channels, uint32_t params_bytes, uint32_t flags,
		     struct ztflm_conv_quant *q, void **op_data)
{
	const struct ztflm_tensor *out = &io->out[0];
	const uint8_t type = io->in[0].type;
	/* The generic prepare refused the types this build has no kernels for. */
	const bool s16 = ZTFLM_TYPE_BUILT(ZTFLM_INT16) && type == ZTFLM_INT16;
	int rc = check_weights(ctx, io, channels, flags, q);
	int32_t count = 0;

	if (rc == ZTFLM_OK && s16 && !(flags & ZTFLM_CONV_FC)) {
		rc = check_s16_zero_points(ctx, io);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	q->filter_offset = 0;
	q->per_channel = 0;
	if (ZTFLM_TYPE_BUILT(ZTFLM_FLOAT32) && type == ZTFLM_FLOAT32) {
		q->input_offset = 0;
		q->output_offset = 0;
		ztflm_activation_range_float(activation, &q->act.f.min, &q->act.f.max);
	} else {
		rc = check_filter(ctx, &io->in[1], channels, &q->per_channel);
		if (rc == ZTFLM_OK) {
			rc = ztflm_activation_range_quantized(ctx, activation, out->scale,
							      out->zero_point, out->type,
							      &q->act.q.min, &q->act.q.max);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
		q->input_offset = -io->in[0].zero_point;
		q->output_offset = out->zero_point;
		/* TFLM's per-channel kernels ignore the filter zero point. */
		if ((flags & ZTFLM_CONV_FC) && !q->per_channel) {
			q->filter_offset = -io->in[1].zero_point;
		}
		count = q->per_channel ? channels : 1;
	}
	uint8_t *p = ztflm_alloc_op_data(ctx, params_bytes + 2u * (uint32_t)count * 4u);

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	int32_t *mult = (int32_t *)(void *)(p + params_bytes);
	/* TFLM's int64 rescaling shifts right by 15 - shift: a larger shift is undefined. */
	const int32_t max_shift = s16 && !q->acc32 ? 14 : 31;

	if (count > 0 && (q->per_channel || !(flags & ZTFLM_CONV_FC))) {
		rc = channel_multipliers(ctx, io, count, max_shift, mult, mult + count);
	} else if (count > 0) {
		rc = fc_multiplier(ctx, io, max_shift, mult, mult + 1);
	}
	*op_data = p;
	return rc;
}
