/*
 * DEPTHWISE_CONV_2D of int8 tensors with int8 weights (Arm DSP extension): four channels at a
 * time, each word of input and filter split into two 16-bit lane pairs (SXTAB16 folds the
 * input offset in) and accumulated with SMLABB/SMLATT. A 3x3 fast path unrolls the window of
 * interior pixels; a depth multiplier other than 1 or an input offset outside int8 takes
 * the scalar path.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "ops/depthwise_conv_2d.h"

uint32_t ztflm_depthwise_conv_2d_s8_scratch_bytes(const struct ztflm_dw_conv_params *p)
{
	(void)p;
	return 0;
}

struct dw_acc {
	int32_t a0;
	int32_t a1;
	int32_t a2;
	int32_t a3;
};

/* One tap for four channels: input word x (int8 x4) and filter word f. */
static inline void dw_tap(struct dw_acc *acc, uint32_t off2, uint32_t x, uint32_t f)
{
	const uint32_t x02 = ztflm_dsp_sxtab16(off2, x);
	const uint32_t x13 = ztflm_dsp_sxtab16_ror8(off2, x);
	const uint32_t f02 = ztflm_dsp_sxtb16(f);
	const uint32_t f13 = ztflm_dsp_sxtb16_ror8(f);

	acc->a0 = ztflm_dsp_smlabb(x02, f02, acc->a0);
	acc->a2 = ztflm_dsp_smlatt(x02, f02, acc->a2);
	acc->a1 = ztflm_dsp_smlabb(x13, f13, acc->a1);
	acc->a3 = ztflm_dsp_smlatt(x13, f13, acc->a3);
}

static inline int8_t dw_out(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
			    const int32_t *shift, int32_t c, int32_t acc)
{
	const int32_t ch = p->per_channel ? c : 0;
	const int32_t s = shift[ch];

	return ztflm_dsp_out_s8(acc, multiplier[ch], s > 0 ? s : 0, s > 0 ? 0 : -s,
				p->output_offset, p->act.q.min, p->act.q.max);
}

/* One output channel c (depth multiplier 1) by scalar arithmetic, window clipped. */
static inline int32_t dw_one(const struct ztflm_dw_conv_params *p, const int8_t *in_b,
			     const int8_t *filter, int32_t c, int32_t y0, int32_t x0)
{
	const uint32_t depth = (uint32_t)p->input_c;
	uint32_t acc = 0;

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
			const int32_t iv = in_b[((uint32_t)y * (uint32_t)p->input_w + (uint32_t)x) *
						    depth + (uint32_t)c];
			const int32_t fv = filter[((uint32_t)fy * (uint32_t)p->filter_w +
						   (uint32_t)fx) * depth + (uint32_t)c];

			acc += (uint32_t)(fv * (iv + p->input_offset));
		}
	}
	return (int32_t)acc;
}

/* Four channels from c of the window at (y0, x0), each tap checked against the input. */
static inline void dw_quad(const struct ztflm_dw_conv_params *p, const int8_t *in_b,
			   const int8_t *filter, int32_t c, int32_t y0, int32_t x0,
			   struct dw_acc *acc)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t off2 = ztflm_dsp_dup16(p->input_offset);

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		const int8_t *row = in_b + (uint32_t)y * (uint32_t)p->input_w * depth + (uint32_t)c;
		const int8_t *frow = filter + (uint32_t)fy * (uint32_t)p->filter_w * depth +
				     (uint32_t)c;

		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x < 0 || x >= p->input_w) {
				continue;
			}
			dw_tap(acc, off2, ztflm_dsp_load4(row + (uint32_t)x * depth),
			       ztflm_dsp_load4(frow + (uint32_t)fx * depth));
		}
	}
}

/* Four channels from c of a 3x3 window lying wholly inside the input, at in (top left). */
static inline void dw_quad_3x3(const struct ztflm_dw_conv_params *p, const int8_t *in,
			       const int8_t *filter, struct dw_acc *acc)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t row = (uint32_t)p->input_w * depth;
	const uint32_t off2 = ztflm_dsp_dup16(p->input_offset);

	for (int32_t fy = 0; fy < 3; fy++) {
		dw_tap(acc, off2, ztflm_dsp_load4(in), ztflm_dsp_load4(filter));
		dw_tap(acc, off2, ztflm_dsp_load4(in + depth), ztflm_dsp_load4(filter + depth));
		dw_tap(acc, off2, ztflm_dsp_load4(in + 2u * depth),
		       ztflm_dsp_load4(filter + 2u * depth));
		in += row;
		filter += 3u * depth;
	}
}

static void dw_scalar(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		      const int32_t *shift, const int8_t *in, const int8_t *filter,
		      const int32_t *bias, int8_t *out)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t f_depth = (uint32_t)p->output_c;
	const int32_t dm = p->depth_multiplier;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				for (int32_t oc = 0; oc < p->output_c; oc++) {
					const int32_t ic = oc / dm;
					uint32_t acc = bias != NULL ? (uint32_t)bias[oc] : 0u;

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
							const int32_t iv = in_b[((uint32_t)y *
								(uint32_t)p->input_w + (uint32_t)x) *
								(uint32_t)p->input_c + (uint32_t)ic];
							const int32_t fv = filter[((uint32_t)fy *
								(uint32_t)p->filter_w + (uint32_t)fx) *
								f_depth + (uint32_t)oc];

							acc += (uint32_t)(fv * (iv + p->input_offset));
						}
					}
					*out++ = dw_out(p, multiplier, shift, oc, (int32_t)acc);
				}
			}
		}
	}
}

void ztflm_depthwise_conv_2d_s8(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
				const int32_t *shift, const int8_t *in, const int8_t *filter,
				const int32_t *bias, int8_t *out, void *scratch)
{
	(void)scratch;
	if (p->depth_multiplier != 1 || p->input_offset < -128 || p->input_offset > 128) {
		dw_scalar(p, multiplier, shift, in, filter, bias, out);
		return;
	}
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * depth;
	const int32_t channels = p->input_c;
	const int fast3 = p->filter_h == 3 && p->filter_w == 3 && p->dilation_h == 1 &&
			  p->dilation_w == 1;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;
				const int inside = fast3 && y0 >= 0 && x0 >= 0 &&
						   y0 + 3 <= p->input_h && x0 + 3 <= p->input_w;
				const int8_t *corner =
					inside ? in_b + ((uint32_t)y0 * (uint32_t)p->input_w +
							 (uint32_t)x0) * depth
					       : in_b;
				int32_t c = 0;

				for (; c + 4 <= channels; c += 4) {
					struct dw_acc acc = {0, 0, 0, 0};

					if (bias != NULL) {
						acc.a0 = bias[c];
						acc.a1 = bias[c + 1];
						acc.a2 = bias[c + 2];
						acc.a3 = bias[c + 3];
					}
					if (inside) {
						dw_quad_3x3(p, corner + c, filter + c, &acc);
					} else {
						dw_quad(p, in_b, filter, c, y0, x0, &acc);
					}
					out[c] = dw_out(p, multiplier, shift, c, acc.a0);
					out[c + 1] = dw_out(p, multiplier, shift, c + 1, acc.a1);
					out[c + 2] = dw_out(p, multiplier, shift, c + 2, acc.a2);
					out[c + 3] = dw_out(p, multiplier, shift, c + 3, acc.a3);
				}
				for (; c < channels; c++) {
					const int32_t acc = (int32_t)((bias != NULL ? (uint32_t)bias[c]
										   : 0u) +
						(uint32_t)dw_one(p, in_b, filter, c, y0, x0));

					out[c] = dw_out(p, multiplier, shift, c, acc);
				}
				out += channels;
			}
		}
	}
}
