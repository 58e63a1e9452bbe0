/* DEPTHWISE_CONV_2D 16x8: int16 tensors, int8 or INT4 weights, int64 bias (reference). */
#include "common/int4.h"
#include "common/quant.h"
#include "ops/depthwise_conv_2d.h"

/*
 * The window at (y0, x0) of the input channel in_c points at, against weights w (w_step
 * apart): the exact sum of products (no zero points).
 */
static int64_t window_sum(const struct ztflm_dw_conv_params *p, const int16_t *in_c,
			  const int8_t *w, uint32_t w_step, int32_t y0, int32_t x0)
{
	const uint32_t depth = (uint32_t)p->input_c;
	int64_t acc = 0;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		const int16_t *row = in_c + (uint32_t)y * (uint32_t)p->input_w * depth;
		const int8_t *wrow = w + (uint32_t)fy * (uint32_t)p->filter_w * w_step;

		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x >= 0 && x < p->input_w) {
				acc += (int32_t)wrow[(uint32_t)fx * w_step] * row[(uint32_t)x * depth];
			}
		}
	}
	return acc;
}

/* One output channel at a time: INT4 weights are unpacked into scratch once per channel. */
void ztflm_depthwise_conv_2d_s16_reference(const struct ztflm_dw_conv_params *p,
					   const int32_t *multiplier, const int32_t *shift,
					   const int16_t *in, const int8_t *filter, const void *bias,
					   int16_t *out, void *scratch)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t taps = (uint32_t)p->filter_h * (uint32_t)p->filter_w;

	for (int32_t oc = 0; oc < p->output_c; oc++) {
		const int32_t ch = p->per_channel ? oc : 0;
		const int8_t *w = filter + oc;
		uint32_t w_step = (uint32_t)p->output_c;
		int16_t *o = out + oc;

		if (p->filter_int4) {
			ztflm_int4_unpack(filter, (uint32_t)oc, (uint32_t)p->output_c, taps, scratch);
			w = scratch;
			w_step = 1u;
		}
		for (int32_t b = 0; b < p->batches; b++) {
			/* oc = m + ic * depth_multiplier */
			const int16_t *in_c = in + (uint32_t)b * image + oc / p->depth_multiplier;

			for (int32_t oy = 0; oy < p->output_h; oy++) {
				for (int32_t ox = 0; ox < p->output_w; ox++) {
					const int64_t sum = window_sum(p, in_c, w, w_step,
								       oy * p->stride_h - p->pad_h,
								       ox * p->stride_w - p->pad_w);
					const int32_t v = ztflm_conv_scale_s16(
						sum, bias, (uint32_t)oc, p->acc32, multiplier[ch], shift[ch]);

					*o = (int16_t)ztflm_clamp_i32(v, p->act.q.min, p->act.q.max);
					o += p->output_c;
				}
			}
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s16_eval(ctx, params, ztflm_depthwise_conv_2d_s16_reference);
}

ZTFLM_VARIANT(depthwise_conv_2d_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL,
	      ztflm_depthwise_conv_2d_int4_scratch);
