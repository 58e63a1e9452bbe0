/* DEPTHWISE_CONV_2D of int8 tensors, int8 or INT4 weights, per-channel or per-tensor (reference). */
#include "common/int4.h"
#include "common/quant.h"
#include "ops/depthwise_conv_2d.h"

/*
 * One output value before rescaling: the window at (y0, x0) of input channel
 * ic (in_c points at it) with filter channel oc (flt points at it, f_depth apart).
 */
static inline int32_t window_sum(const struct ztflm_dw_conv_params *p, const int8_t *in_c,
				 const int8_t *flt, uint32_t f_depth, int32_t y0, int32_t x0)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const int32_t in_offset = p->input_offset;
	/* Wrapping, as TFLM's unchecked int32 accumulator. */
	uint32_t acc = 0;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		const int8_t *row = in_c + (uint32_t)y * (uint32_t)p->input_w * depth;
		const int8_t *frow = flt + (uint32_t)fy * (uint32_t)p->filter_w * f_depth;

		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x < 0 || x >= p->input_w) {
				continue;
			}
			const int32_t iv = row[(uint32_t)x * depth];
			const int32_t fv = frow[(uint32_t)fx * f_depth];

			acc += (uint32_t)(fv * (iv + in_offset));
		}
	}
	return (int32_t)acc;
}

/* One output: the window against channel oc's weights, requantized and clamped. */
static inline int8_t output_value(const struct ztflm_dw_conv_params *p, const int8_t *in_c,
				  const int8_t *w, uint32_t w_step, int32_t y0, int32_t x0,
				  const int32_t *bias, int32_t oc, const int32_t *multiplier,
				  const int32_t *shift, int32_t ch)
{
	uint32_t acc = (uint32_t)window_sum(p, in_c, w, w_step, y0, x0);

	if (bias != NULL) {
		acc += (uint32_t)bias[oc];
	}
	const int32_t scaled = ztflm_mbqm((int32_t)acc, multiplier[ch], shift[ch]);
	const int32_t res = (int32_t)((uint32_t)scaled + (uint32_t)p->output_offset);

	return (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
}

void ztflm_depthwise_conv_2d_s8_reference(const struct ztflm_dw_conv_params *p,
					  const int32_t *multiplier, const int32_t *shift,
					  const int8_t *in, const int8_t *filter,
					  const int32_t *bias, int8_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const int32_t dm = p->depth_multiplier;
	const int32_t step = p->per_channel ? 1 : 0;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				for (int32_t oc = 0; oc < p->output_c; oc++) {
					/* oc = m + ic * dm, in TFLM's (ic, m) loop order */
					const int32_t ch = oc * step;

					*out++ = output_value(p, in_b + oc / dm, filter + oc,
							      (uint32_t)p->output_c, y0, x0, bias,
							      oc, multiplier, shift, ch);
				}
			}
		}
	}
}

/* INT4 weights: one output channel at a time, its weights unpacked into scratch. */
void ztflm_depthwise_conv_2d_s4_reference(const struct ztflm_dw_conv_params *p,
					  const int32_t *multiplier, const int32_t *shift,
					  const int8_t *in, const int8_t *filter,
					  const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t taps = (uint32_t)p->filter_h * (uint32_t)p->filter_w;
	int8_t *w = scratch;

	/* Without INT4 this folds away, leaving the int8 variant output_value's only caller. */
	if (!ZTFLM_TYPE_BUILT(ZTFLM_INT4)) {
		return;
	}

	for (int32_t oc = 0; oc < p->output_c; oc++) {
		const int32_t ch = p->per_channel ? oc : 0;
		int8_t *o = out + oc;

		ztflm_int4_unpack(filter, (uint32_t)oc, (uint32_t)p->output_c, taps, w);
		for (int32_t b = 0; b < p->batches; b++) {
			const int8_t *in_c = in + (uint32_t)b * image + oc / p->depth_multiplier;

			for (int32_t oy = 0; oy < p->output_h; oy++) {
				for (int32_t ox = 0; ox < p->output_w; ox++) {
					*o = output_value(p, in_c, w, 1u,
							  oy * p->stride_h - p->pad_h,
							  ox * p->stride_w - p->pad_w, bias, oc,
							  multiplier, shift, ch);
					o += p->output_c;
				}
			}
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, ztflm_depthwise_conv_2d_s8_reference);
}

static int eval_s4(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, ztflm_depthwise_conv_2d_s4_reference);
}

ZTFLM_VARIANT(depthwise_conv_2d_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
ZTFLM_VARIANT_WEIGHTS(depthwise_conv_2d_s4_ref, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval_s4,
		      ztflm_depthwise_conv_2d_int4, ztflm_depthwise_conv_2d_int4_scratch);
