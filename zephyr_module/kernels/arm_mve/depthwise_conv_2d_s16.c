/*
 * DEPTHWISE_CONV_2D 16x8 (Helium), depth multiplier 1: four channels a vector, each tap one
 * VMLA of int16 inputs and int8 weights widened to int32 lanes by their loads; the taps inside
 * the input are found once per output pixel. Up to 511 taps the int32 sums are exact (each
 * product is at most 2^22), so they are added to the int64 bias as TFLM's int64 accumulator
 * would be. Other depth multipliers, larger windows and INT4 weights take the reference
 * variant.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "ops/depthwise_conv_2d.h"

/* The taps of a window inside the input along one axis: [first, end). */
static void taps(int32_t origin, int32_t dilation, int32_t filter, int32_t size, int32_t *first,
		 int32_t *end)
{
	int32_t f = 0;
	int32_t e = filter;

	while (f < e && origin + dilation * f < 0) {
		f++;
	}
	while (e > f && origin + dilation * (e - 1) >= size) {
		e--;
	}
	*first = f;
	*end = e;
}

static void compute(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t channels = (uint32_t)p->input_c;
	const uint32_t x_step = (uint32_t)p->dilation_w * channels;
	const uint32_t row_step = (uint32_t)p->dilation_h * (uint32_t)p->input_w * channels;
	const uint32_t w_row = (uint32_t)p->filter_w * channels;
	const uint32_t step = p->per_channel ? 1u : 0u;

	for (int32_t b = 0; b < p->batches; b++) {
		const int16_t *in_b = in + (uint32_t)b * (uint32_t)p->input_h *
						   (uint32_t)p->input_w * channels;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;
			int32_t fy0;
			int32_t fy1;

			taps(y0, p->dilation_h, p->filter_h, p->input_h, &fy0, &fy1);
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;
				int32_t fx0;
				int32_t fx1;

				taps(x0, p->dilation_w, p->filter_w, p->input_w, &fx0, &fx1);
				/* The first tap inside the input, and its weights. */
				const int16_t *x = in_b;
				const int8_t *w = filter;

				if (fy1 > fy0 && fx1 > fx0) {
					x += ((uint32_t)(y0 + p->dilation_h * fy0) * (uint32_t)p->input_w +
					      (uint32_t)(x0 + p->dilation_w * fx0)) * channels;
					w += ((uint32_t)fy0 * (uint32_t)p->filter_w + (uint32_t)fx0) *
					     channels;
				}
				for (uint32_t c = 0; c < channels; c += 4u) {
					const uint32_t n = channels - c < 4u ? channels - c : 4u;
					ztflm_v4 acc = ztflm_v4_dup(0);

					for (int32_t fy = fy0; fy < fy1; fy++) {
						const uint32_t row = (uint32_t)(fy - fy0);
						const int16_t *xr = x + row * row_step + c;
						const int8_t *wr = w + row * w_row + c;

						for (int32_t fx = fx0; fx < fx1; fx++) {
							acc = ztflm_v4_mla(acc, ztflm_v4_load_s16(xr, n),
									   ztflm_v4_load_s8(wr, n));
							xr += x_step;
							wr += channels;
						}
					}
					for (uint32_t j = 0; j < n; j++) {
						const uint32_t ch = c + j;
						const int32_t v = ztflm_conv_scale_s16(
							ztflm_v4_lane(acc, (int)j), bias, ch, p->acc32,
							multiplier[ch * step], shift[ch * step]);

						out[ch] = (int16_t)ztflm_clamp_i32(v, p->act.q.min,
										   p->act.q.max);
					}
				}
				out += channels;
			}
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(depthwise_conv_2d_s16_arm_mve, ZTFLM_INT16, ZTFLM_INT16, eval,
	      ztflm_depthwise_conv_2d_s16_overlay_can_run, NULL);
