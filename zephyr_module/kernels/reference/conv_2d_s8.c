/* CONV_2D of int8 tensors with int8 or INT4 weights, per-channel or per-tensor (reference). */
#include "common/compiler.h"
#include "common/int4.h"
#include "common/quant.h"
#include "ops/conv_2d.h"

/*
 * One output value before rescaling: the window at (y0, x0); points outside the input are 0.
 * Out of line on Cortex-M3/M4 (inlined there: +1% instructions on the KWS model), inlined
 * elsewhere (out of line: +1.6% on Cortex-M55 and RV32).
 */
static ZTFLM_NOINLINE_ARMV7M int32_t window_sum(const struct ztflm_conv_params *p,
						const int8_t *in_g, const int8_t *flt, int32_t y0,
						int32_t x0)
{
	const uint32_t row = (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t f_w = (uint32_t)p->filter_w;
	const uint32_t f_depth = (uint32_t)p->filter_c;
	const int32_t f_c = p->filter_c;
	const int32_t in_offset = p->input_offset;
	/* Wrapping: TFLM's int32 accumulator is not checked either. */
	uint32_t acc = 0;
	uint32_t w_sum = 0;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x < 0 || x >= p->input_w) {
				continue;
			}
			const int8_t *px = in_g + (uint32_t)y * row + (uint32_t)x * depth;
			const int8_t *pf = flt + ((uint32_t)fy * f_w + (uint32_t)fx) * f_depth;

			int32_t ic = 0;

			/*
			 * sum(w * (x + io)) = sum(w * x) + io * sum(w), modulo 2^32 like
			 * TFLM's accumulator: four products a step.
			 */
			for (; ic + 4 <= f_c; ic += 4) {
				acc += (uint32_t)((int32_t)pf[ic] * px[ic]) +
				       (uint32_t)((int32_t)pf[ic + 1] * px[ic + 1]) +
				       (uint32_t)((int32_t)pf[ic + 2] * px[ic + 2]) +
				       (uint32_t)((int32_t)pf[ic + 3] * px[ic + 3]);
				w_sum += (uint32_t)((int32_t)pf[ic] + pf[ic + 1] + pf[ic + 2] +
						    pf[ic + 3]);
			}
			for (; ic < f_c; ic++) {
				acc += (uint32_t)((int32_t)pf[ic] * px[ic]);
				w_sum += (uint32_t)(int32_t)pf[ic];
			}
		}
	}
	return (int32_t)(acc + w_sum * (uint32_t)in_offset);
}

/* One output: the window at (y0, x0) against weights w, requantized and clamped. */
static inline int8_t output_value(const struct ztflm_conv_params *p, const int8_t *in_g,
				  const int8_t *w, int32_t y0, int32_t x0, const int32_t *bias,
				  int32_t oc, const int32_t *multiplier, const int32_t *shift,
				  int32_t ch)
{
	uint32_t acc = (uint32_t)window_sum(p, in_g, w, y0, x0);

	if (bias != NULL) {
		acc += (uint32_t)bias[oc];
	}
	const int32_t scaled = ztflm_mbqm((int32_t)acc, multiplier[ch], shift[ch]);
	const int32_t res = (int32_t)((uint32_t)scaled + (uint32_t)p->output_offset);

	return (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
}

void ztflm_conv_2d_s8_reference(const struct ztflm_conv_params *p, const int32_t *multiplier,
				const int32_t *shift, const int8_t *in, const int8_t *filter,
				const int32_t *bias, int8_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t f_size = (uint32_t)p->filter_h * (uint32_t)p->filter_w *
				     (uint32_t)p->filter_c;
	const int32_t f_c = p->filter_c;
	const int32_t per_group = p->output_c / (p->input_c / p->filter_c);
	const int32_t step = p->per_channel ? 1 : 0;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				for (int32_t oc = 0; oc < p->output_c; oc++) {
					const int32_t ch = oc * step;

					*out++ = output_value(p, in_b + (oc / per_group) * f_c,
							      filter + (uint32_t)oc * f_size, y0, x0,
							      bias, oc, multiplier, shift, ch);
				}
			}
		}
	}
}

/*
 * INT4 weights: one output channel at a time, its weights unpacked into scratch (one
 * channel's worth), then every output point of that channel as above.
 */
void ztflm_conv_2d_s4_reference(const struct ztflm_conv_params *p, const int32_t *multiplier,
				const int32_t *shift, const int8_t *in, const int8_t *filter,
				const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t f_size = (uint32_t)p->filter_h * (uint32_t)p->filter_w *
				     (uint32_t)p->filter_c;
	const int32_t per_group = p->output_c / (p->input_c / p->filter_c);
	int8_t *w = scratch;

	/* Without INT4 this folds away, leaving the int8 variant output_value's only caller. */
	if (!ZTFLM_TYPE_BUILT(ZTFLM_INT4)) {
		return;
	}

	for (int32_t oc = 0; oc < p->output_c; oc++) {
		const int32_t ch = p->per_channel ? oc : 0;
		const int8_t *in_g = in + (oc / per_group) * p->filter_c;
		int8_t *o = out + oc;

		ztflm_int4_unpack(filter, (uint32_t)oc * f_size, 1u, f_size, w);
		for (int32_t b = 0; b < p->batches; b++) {
			for (int32_t oy = 0; oy < p->output_h; oy++) {
				for (int32_t ox = 0; ox < p->output_w; ox++) {
					*o = output_value(p, in_g + (uint32_t)b * image, w,
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
	return ztflm_conv_2d_s8_eval(ctx, params, ztflm_conv_2d_s8_reference);
}

static int eval_s4(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s8_eval(ctx, params, ztflm_conv_2d_s4_reference);
}

ZTFLM_VARIANT(conv_2d_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
ZTFLM_VARIANT_WEIGHTS(conv_2d_s4_ref, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval_s4,
		      ztflm_conv_2d_int4, ztflm_conv_2d_int4_scratch);
