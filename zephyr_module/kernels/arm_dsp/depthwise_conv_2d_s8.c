/*
 * DEPTHWISE_CONV_2D of int8 tensors with int8 weights (Arm DSP extension): per output pixel,
 * the window clipped to the input once, then four channels at a time, each word of input and
 * filter split into two 16-bit lane pairs (SXTAB16 folds the input offset in) accumulated
 * with SMLABB/SMLATT into a scratch row of sums, then requantized. A full 3x3 window is
 * unrolled. A depth multiplier other than 1, dilation, or an input offset outside int8 are
 * left to the reference variant.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/depthwise_conv_2d.h"

/* Depth multiplier 1, no dilation, an input offset that fits a 16-bit lane with the input. */
static int use_dsp(const struct ztflm_dw_conv_params *p)
{
	return p->depth_multiplier == 1 && p->dilation_h == 1 && p->dilation_w == 1 &&
	       p->input_offset >= -128 && p->input_offset <= 128;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	/* One pixel's channel sums, and every channel's requantization parameters. */
	return ztflm_size_mul(4u + (uint32_t)sizeof(struct ztflm_dsp_qparam), (uint32_t)p->output_c);
}

static inline int8_t dw_out(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
			    const int32_t *shift, int32_t c, int32_t acc)
{
	const int32_t ch = p->per_channel ? c : 0;
	const int32_t s = shift[ch];

	return ztflm_dsp_out_s8(acc, multiplier[ch], s > 0 ? s : 0, s > 0 ? 0 : -s,
				p->output_offset, p->act.q.min, p->act.q.max);
}

/* The window geometry of one output pixel, clipped to the input (dilation 1). */
struct dw_window {
	const int8_t *in;     /**< first tap inside the input, channel 0 */
	const int8_t *filter; /**< its filter tap, channel 0 */
	uint32_t rows;
	uint32_t cols;
	uint32_t in_row;      /**< bytes from one input row to the next */
	uint32_t f_row;       /**< bytes from one filter row to the next */
	uint32_t depth;       /**< channels */
	uint32_t off2;        /**< the input offset in both lanes */
};

/* One tap for four channels: input word x (int8 x4) and filter word f. */
#define DW_TAP(x, f)                                                                  \
	do {                                                                          \
		const uint32_t x_ = (x);                                              \
		const uint32_t f_ = (f);                                              \
		const uint32_t x02_ = ztflm_dsp_sxtab16(off2, x_);                    \
		const uint32_t x13_ = ztflm_dsp_sxtab16_ror8(off2, x_);               \
		const uint32_t f02_ = ztflm_dsp_sxtb16(f_);                           \
		const uint32_t f13_ = ztflm_dsp_sxtb16_ror8(f_);                      \
		a0 = ztflm_dsp_smlabb(x02_, f02_, a0);                                \
		a2 = ztflm_dsp_smlatt(x02_, f02_, a2);                                \
		a1 = ztflm_dsp_smlabb(x13_, f13_, a1);                                \
		a3 = ztflm_dsp_smlatt(x13_, f13_, a3);                                \
	} while (0)

/*
 * One group of four channels over a full 3x3 window: x and f at the top-left tap. Out of
 * line and unrolled, so that the accumulators, the offset and both strides stay in registers.
 */
ZTFLM_DSP_HOT ZTFLM_DSP_IN_ORDER static void dw_group_3x3(const int8_t *x, const int8_t *f,
						   uint32_t depth, uint32_t in_row, uint32_t off2,
						   int32_t *acc)
{
	int32_t a0 = 0;
	int32_t a1 = 0;
	int32_t a2 = 0;
	int32_t a3 = 0;

	DW_TAP(ztflm_dsp_load4(x), ztflm_dsp_load4(f));
	DW_TAP(ztflm_dsp_load4(x + depth), ztflm_dsp_load4(f + depth));
	DW_TAP(ztflm_dsp_load4(x + 2u * depth), ztflm_dsp_load4(f + 2u * depth));
	x += in_row;
	f += 3u * depth;
	DW_TAP(ztflm_dsp_load4(x), ztflm_dsp_load4(f));
	DW_TAP(ztflm_dsp_load4(x + depth), ztflm_dsp_load4(f + depth));
	DW_TAP(ztflm_dsp_load4(x + 2u * depth), ztflm_dsp_load4(f + 2u * depth));
	x += in_row;
	f += 3u * depth;
	DW_TAP(ztflm_dsp_load4(x), ztflm_dsp_load4(f));
	DW_TAP(ztflm_dsp_load4(x + depth), ztflm_dsp_load4(f + depth));
	DW_TAP(ztflm_dsp_load4(x + 2u * depth), ztflm_dsp_load4(f + 2u * depth));
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
}

/*
 * The window sums of every group of four channels of one pixel into acc (channels past the
 * last group untouched). Out of line so the four accumulators stay in registers.
 */
__attribute__((noinline)) static void dw_window_sums(const struct dw_window *w, int32_t *acc)
{
	const uint32_t depth = w->depth;
	const uint32_t off2 = w->off2;
	const uint32_t groups = depth / 4u;

	if (w->rows == 3u && w->cols == 3u && w->f_row == 3u * depth) {
		for (uint32_t g = 0; g < groups; g++) {
			dw_group_3x3(w->in + 4u * g, w->filter + 4u * g, depth, w->in_row, off2,
				     acc + 4u * g);
		}
		return;
	}
	for (uint32_t g = 0; g < groups; g++) {
		const int8_t *xr = w->in + 4u * g;
		const int8_t *fr = w->filter + 4u * g;
		int32_t a0 = 0;
		int32_t a1 = 0;
		int32_t a2 = 0;
		int32_t a3 = 0;

		for (uint32_t r = 0; r < w->rows; r++) {
			const int8_t *x = xr;
			const int8_t *f = fr;

			for (uint32_t k = 0; k < w->cols; k++) {
				DW_TAP(ztflm_dsp_load4(x), ztflm_dsp_load4(f));
				x += depth;
				f += depth;
			}
			xr += w->in_row;
			fr += w->f_row;
		}
		acc[4u * g] = a0;
		acc[4u * g + 1u] = a1;
		acc[4u * g + 2u] = a2;
		acc[4u * g + 3u] = a3;
	}
}

/* The window sums of the channels past the last group of four, one at a time. */
static void dw_tail_sums(const struct dw_window *w, int32_t in_offset, int32_t *acc)
{
	for (uint32_t c = w->depth & ~3u; c < w->depth; c++) {
		uint32_t sum = 0;

		for (uint32_t r = 0; r < w->rows; r++) {
			const int8_t *x = w->in + r * w->in_row + c;
			const int8_t *f = w->filter + r * w->f_row + c;

			for (uint32_t k = 0; k < w->cols; k++) {
				sum += (uint32_t)((int32_t)f[k * w->depth] *
						  ((int32_t)x[k * w->depth] + in_offset));
			}
		}
		acc[c] = (int32_t)sum;
	}
}

static void dw_add_bias(int32_t *restrict acc, const int32_t *restrict bias, uint32_t n)
{
	for (uint32_t c = 0; c < n; c++) {
		acc[c] = (int32_t)((uint32_t)acc[c] + (uint32_t)bias[c]);
	}
}

/* The clipped window of the output pixel whose window starts at (y0, x0). */
static inline struct dw_window dw_clip(const struct ztflm_dw_conv_params *p, const int8_t *in_b,
				       const int8_t *filter, int32_t y0, int32_t x0)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const int32_t fy0 = y0 < 0 ? -y0 : 0;
	const int32_t fx0 = x0 < 0 ? -x0 : 0;
	const int32_t fy1 = p->input_h - y0 < p->filter_h ? p->input_h - y0 : p->filter_h;
	const int32_t fx1 = p->input_w - x0 < p->filter_w ? p->input_w - x0 : p->filter_w;
	struct dw_window w = {
		.in = in_b,
		.filter = filter,
		.rows = fy1 > fy0 ? (uint32_t)(fy1 - fy0) : 0u,
		.cols = fx1 > fx0 ? (uint32_t)(fx1 - fx0) : 0u,
		.in_row = (uint32_t)p->input_w * depth,
		.f_row = (uint32_t)p->filter_w * depth,
		.depth = depth,
		.off2 = ztflm_dsp_dup16(p->input_offset),
	};

	if (w.rows > 0u && w.cols > 0u) {
		w.in += ((uint32_t)(y0 + fy0) * (uint32_t)p->input_w + (uint32_t)(x0 + fx0)) *
			depth;
		w.filter += ((uint32_t)fy0 * (uint32_t)p->filter_w + (uint32_t)fx0) * depth;
	} else {
		w.rows = 0u;
		w.cols = 0u;
	}
	return w;
}

static void compute(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * depth;
	struct ztflm_dsp_qparam *q = scratch;
	int32_t *acc = (int32_t *)(q + depth);

	const int32_t saturating =
		ztflm_dsp_qparams(multiplier, shift, p->per_channel, depth, q);

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct dw_window w =
					dw_clip(p, in_b, filter, y0, ox * p->stride_w - p->pad_w);

				dw_window_sums(&w, acc);
				dw_tail_sums(&w, p->input_offset, acc);
				if (bias != NULL) {
					dw_add_bias(acc, bias, depth);
				}
				ztflm_dsp_requant_row(acc, q, depth, p->output_offset,
						      p->act.q.min, p->act.q.max, saturating, out);
				out += depth;
			}
		}
	}
}

static bool can_run(const void *params)
{
	return use_dsp(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(depthwise_conv_2d_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
