/*
 * DEPTHWISE_CONV_2D 16x8 (Arm DSP extension), depth multiplier 1: four channels at a time,
 * each tap one word of int8 weights split by SXTB16 against two words of int16 inputs with
 * the 16x16 multiply-accumulates; the taps inside the input are found once per output pixel.
 * Up to 511 taps the int32 sums are exact (each product is at most 2^22), so they are added to
 * the int64 bias as TFLM's int64 accumulator would be. Other depth multipliers, larger
 * windows and INT4 weights take the reference variant.
 */
#include "arm_dsp/dsp.h"
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

/* The taps of one output pixel inside the input: ny rows of nx, strides in elements. */
struct window {
	uint32_t ny;
	uint32_t nx;
	uint32_t x_step;   /**< input elements from one tap to the next along x */
	uint32_t row_step; /**< along y */
	uint32_t w_row;    /**< weights from one filter row to the next */
	uint32_t channels; /**< weights from one tap to the next along x */
};

/*
 * Channels c..c+3 of the window, x and w at its first tap inside the input for channel c:
 * the four sums.
 */
ZTFLM_DSP_HOT static void window4(const int16_t *x, const int8_t *w, const struct window *win,
				  int32_t acc[4])
{
	int32_t a0 = 0;
	int32_t a1 = 0;
	int32_t a2 = 0;
	int32_t a3 = 0;

	for (uint32_t fy = 0; fy < win->ny; fy++) {
		const int16_t *xr = x + fy * win->row_step;
		const int8_t *wr = w + fy * win->w_row;

		for (uint32_t fx = 0; fx < win->nx; fx++) {
			const uint32_t x01 = ztflm_dsp_load4(xr);
			const uint32_t x23 = ztflm_dsp_load4(xr + 2);
			const uint32_t wv = ztflm_dsp_load4(wr);
			const uint32_t w02 = ztflm_dsp_sxtb16(wv);
			const uint32_t w13 = ztflm_dsp_sxtb16_ror8(wv);

			a0 = ztflm_dsp_smlabb(x01, w02, a0);
			a1 = ztflm_dsp_smlatb(x01, w13, a1);
			a2 = ztflm_dsp_smlabt(x23, w02, a2);
			a3 = ztflm_dsp_smlatt(x23, w13, a3);
			xr += win->x_step;
			wr += win->channels;
		}
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/* One channel of the window, for the channels past the last four. */
static int32_t window1(const int16_t *x, const int8_t *w, const struct window *win)
{
	int32_t acc = 0;

	for (uint32_t fy = 0; fy < win->ny; fy++) {
		for (uint32_t fx = 0; fx < win->nx; fx++) {
			acc += (int32_t)w[fy * win->w_row + fx * win->channels] *
			       x[fy * win->row_step + fx * win->x_step];
		}
	}
	return acc;
}

static void compute(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t channels = (uint32_t)p->input_c;
	const uint32_t step = p->per_channel ? 1u : 0u;
	struct window win = {
		.x_step = (uint32_t)p->dilation_w * channels,
		.row_step = (uint32_t)p->dilation_h * (uint32_t)p->input_w * channels,
		.w_row = (uint32_t)p->filter_w * channels,
		.channels = channels,
	};

	for (int32_t b = 0; b < p->batches; b++) {
		const int16_t *in_b = in + (uint32_t)b * (uint32_t)p->input_h *
						   (uint32_t)p->input_w * channels;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;
			int32_t fy0;
			int32_t fy1;

			taps(y0, p->dilation_h, p->filter_h, p->input_h, &fy0, &fy1);
			win.ny = (uint32_t)(fy1 - fy0);
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;
				int32_t fx0;
				int32_t fx1;

				taps(x0, p->dilation_w, p->filter_w, p->input_w, &fx0, &fx1);
				win.nx = (uint32_t)(fx1 - fx0);
				/* The first tap inside the input, and its weights. */
				const int16_t *x = in_b;
				const int8_t *w = filter;

				if (win.ny > 0u && win.nx > 0u) {
					x += ((uint32_t)(y0 + p->dilation_h * fy0) * (uint32_t)p->input_w +
					      (uint32_t)(x0 + p->dilation_w * fx0)) * channels;
					w += ((uint32_t)fy0 * (uint32_t)p->filter_w + (uint32_t)fx0) *
					     channels;
				}
				uint32_t c = 0;
				int32_t acc[4];

				for (; c + 4u <= channels; c += 4u) {
					window4(x + c, w + c, &win, acc);
					for (uint32_t j = 0; j < 4u; j++) {
						const uint32_t ch = c + j;
						const int32_t v = ztflm_conv_scale_s16(
							acc[j], bias, ch, p->acc32,
							multiplier[ch * step], shift[ch * step]);

						out[ch] = (int16_t)ztflm_clamp_i32(v, p->act.q.min,
										   p->act.q.max);
					}
				}
				for (; c < channels; c++) {
					const int32_t v = ztflm_conv_scale_s16(
						window1(x + c, w + c, &win), bias, c, p->acc32,
						multiplier[c * step], shift[c * step]);

					out[c] = (int16_t)ztflm_clamp_i32(v, p->act.q.min,
									  p->act.q.max);
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

ZTFLM_VARIANT(depthwise_conv_2d_s16_arm_dsp, ZTFLM_INT16, ZTFLM_INT16, eval,
	      ztflm_depthwise_conv_2d_s16_overlay_can_run, NULL);
