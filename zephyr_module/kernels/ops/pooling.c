/* The parameters AVERAGE_POOL_2D and MAX_POOL_2D share, as TFLM's PoolingPrepare. */
#include <math.h>

#include <ztflm/schema.h>

#include "common/padding.h"
#include "ops/pooling.h"

ZTFLM_COLD
int ztflm_pool_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_pool_params *p = params;
	struct ztflm_padding_values pad;
	int32_t out_h;
	int32_t out_w;

	ZTFLM_CHECK(ctx, in->dims_count == 4 && out->dims_count == 4, ZTFLM_ERR_MODEL,
		    "input and output must have rank 4, have %d and %d", (int)in->dims_count,
		    (int)out->dims_count);
	ZTFLM_CHECK(ctx, ctx->options_type == ZTFLM_OPTIONS_POOL_2D, ZTFLM_ERR_MODEL,
		    "options are missing");

	const int32_t padding = ztflm_option_i8(ctx, ZTFLM_POOL_PADDING, 0);
	const int32_t stride_w = ztflm_option_i32(ctx, ZTFLM_POOL_STRIDE_W, 0);
	const int32_t stride_h = ztflm_option_i32(ctx, ZTFLM_POOL_STRIDE_H, 0);
	const int32_t filter_w = ztflm_option_i32(ctx, ZTFLM_POOL_FILTER_W, 0);
	const int32_t filter_h = ztflm_option_i32(ctx, ZTFLM_POOL_FILTER_H, 0);
	const int32_t activation = ztflm_option_i8(ctx, ZTFLM_POOL_ACTIVATION, 0);

	if (ztflm_compute_padding(padding, stride_h, stride_w, 1, 1, in->dims[1], in->dims[2],
				  filter_h, filter_w, &out_h, &out_w, &pad) != 0) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL,
				  "invalid window: padding %d, stride %dx%d, filter %dx%d",
				  (int)padding, (int)stride_h, (int)stride_w, (int)filter_h,
				  (int)filter_w);
	}
	ZTFLM_CHECK(ctx,
		    out->dims[0] == in->dims[0] && out->dims[1] == out_h && out->dims[2] == out_w &&
			    out->dims[3] == in->dims[3],
		    ZTFLM_ERR_MODEL, "output shape is not [%d, %d, %d, %d]", (int)in->dims[0],
		    (int)out_h, (int)out_w, (int)in->dims[3]);
	p->batches = in->dims[0];
	p->input_h = in->dims[1];
	p->input_w = in->dims[2];
	p->depth = in->dims[3];
	p->output_h = out_h;
	p->output_w = out_w;
	p->stride_h = stride_h;
	p->stride_w = stride_w;
	p->filter_h = filter_h;
	p->filter_w = filter_w;
	p->pad_h = pad.height;
	p->pad_w = pad.width;
	if (in->type == ZTFLM_FLOAT32) {
		ztflm_activation_range_float(activation, &p->act.f.min, &p->act.f.max);
		return ZTFLM_OK;
	}
	/*
	 * TFLM sums an int16 window in int32 and rounds the mean as (sum -/+ count / 2) / count:
	 * from 65536 values on, that can overflow (undefined in C++, wrapped on TFLM's targets:
	 * 65536 values of -32768 average to +32767 there), so such a window is refused.
	 */
	const int32_t rows = filter_h < p->input_h ? filter_h : p->input_h;
	const int32_t cols = filter_w < p->input_w ? filter_w : p->input_w;

	ZTFLM_CHECK(ctx, in->type != ZTFLM_INT16 || (int64_t)rows * cols <= 65535,
		    ZTFLM_ERR_UNSUPPORTED,
		    "int16 window of %d x %d values may overflow TFLM's int32 sum (at most 65535)",
		    (int)rows, (int)cols);
	/* TFLM requires the same quantization on both sides. */
	ZTFLM_CHECK(ctx, fabs((double)(in->scale - out->scale)) <= 1.0e-6,
		    ZTFLM_ERR_UNSUPPORTED, "input and output scales differ");
	ZTFLM_CHECK(ctx, in->zero_point == out->zero_point, ZTFLM_ERR_UNSUPPORTED,
		    "input and output zero points differ (%d, %d)", (int)in->zero_point,
		    (int)out->zero_point);
	return ztflm_activation_range_quantized(ctx, activation, out->scale, out->zero_point,
						out->type, &p->act.q.min, &p->act.q.max);
}
