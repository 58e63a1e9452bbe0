/*
 * DEPTHWISE_CONV_2D of int8 tensors with int8 weights (Helium), depth multiplier 1: four
 * channels per vector (VLDRB.S32 widening loads, VMUL and VADD), predicated on the last
 * channels. Windows inside the input start from a folded bias (bias + input offset * the sum
 * of all the channel's taps) and add raw products, unrolled for 3x3; windows over the edge add
 * the offset to each valid tap instead. Larger depth multipliers multiply each input value by
 * four of its outputs' weights at a time.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/depthwise_conv_2d.h"

static int use_mve(const struct ztflm_dw_conv_params *p)
{
	return p->depth_multiplier == 1;
}

/* The 3x3 fast path (four outputs along x per step) needs a positive stride. */
static int is_3x3(const struct ztflm_dw_conv_params *p)
{
	return p->filter_h == 3 && p->filter_w == 3 && p->stride_w > 0;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	/* The folded bias, an int32 per channel; for 3x3 the nine taps of each channel together. */
	return ztflm_size_mul((uint32_t)p->output_c, is_3x3(p) ? 4u + 9u : 4u);
}

/*
 * Depth multiplier dm > 1 (a first layer of one input channel, for example): the dm outputs
 * of input channel ic share its value, so each valid tap is one scalar input, offset added,
 * times four of their weights with VMLA by scalar.
 */
static void dw_multiplier(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
			  const int32_t *shift, const int8_t *in, const int8_t *filter,
			  const int32_t *bias, int8_t *out)
{
	const uint32_t ic_n = (uint32_t)p->input_c;
	const uint32_t oc_n = (uint32_t)p->output_c;
	const uint32_t dm = (uint32_t)p->depth_multiplier;
	const int32_t in_h = p->input_h;
	const int32_t in_w = p->input_w;
	const int32_t f_h = p->filter_h;
	const int32_t f_w = p->filter_w;
	const int32_t dil_h = p->dilation_h;
	const int32_t dil_w = p->dilation_w;
	const uint32_t image = (uint32_t)in_h * (uint32_t)in_w * ic_n;
	/* The input's step between filter columns. */
	const uint32_t in_step = (uint32_t)dil_w * ic_n;
	const int32_t in_off = p->input_offset;
	const int32_t per_channel = p->per_channel;
	const int32_t zero = p->output_offset;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;
				/* The filter columns fx0 <= fx < fx1 that fall inside the input. */
				const int32_t fx0 = x0 < 0 ? (dil_w - 1 - x0) / dil_w : 0;
				const int32_t right = (in_w - x0 + dil_w - 1) / dil_w;
				const int32_t fx1 = right < f_w ? right : f_w;

				for (uint32_t ic = 0; ic < ic_n; ic++) {
					for (uint32_t m = 0; m < dm; m += 4u) {
						const uint32_t n = dm - m < 4u ? dm - m : 4u;
						const uint32_t oc = ic * dm + m;
						ztflm_v4 acc = bias != NULL ? ztflm_v4_load(bias + oc, n)
									    : ztflm_v4_dup(0);

						for (int32_t fy = 0; fy < f_h && fx0 < fx1; fy++) {
							const int32_t y = y0 + dil_h * fy;

							if (y < 0 || y >= in_h) {
								continue;
							}
							const int8_t *x_p =
								in_b + ((uint32_t)y * (uint32_t)in_w +
									(uint32_t)(x0 + dil_w * fx0)) * ic_n + ic;
							const int8_t *w =
								filter + ((uint32_t)fy * (uint32_t)f_w +
									  (uint32_t)fx0) * oc_n + oc;

							for (int32_t fx = fx0; fx < fx1;
							     fx++, x_p += in_step, w += oc_n) {
								acc = ztflm_v4_mla_n(acc, ztflm_v4_load_s8(w, n),
										     *x_p + in_off);
							}
						}
						const ztflm_v4 mv = per_channel ? ztflm_v4_load(multiplier + oc, n)
										: ztflm_v4_dup(multiplier[0]);
						const ztflm_v4 sv = per_channel ? ztflm_v4_load(shift + oc, n)
										: ztflm_v4_dup(shift[0]);

						ztflm_v4_store_s8(out + oc,
								  ztflm_v4_requant(acc, mv, sv, zero, lo, hi), n);
					}
				}
				out += oc_n;
			}
		}
	}
}

/* bias + input_offset * (sum of the channel's taps), wrapping as TFLM's accumulator. */
static void fold_bias(const struct ztflm_dw_conv_params *p, const int8_t *filter,
		      const int32_t *bias, int32_t *folded)
{
	const uint32_t c = (uint32_t)p->output_c;
	const uint32_t taps = (uint32_t)p->filter_h * (uint32_t)p->filter_w;

	for (uint32_t ch = 0; ch < c; ch += 4u) {
		const uint32_t n = c - ch < 4u ? c - ch : 4u;
		ztflm_v4 sum = ztflm_v4_dup(0);

		for (uint32_t t = 0; t < taps; t++) {
			sum = ztflm_v4_add(sum, ztflm_v4_load_s8(filter + t * c + ch, n));
		}
		const ztflm_v4 b = bias != NULL ? ztflm_v4_load(bias + ch, n) : ztflm_v4_dup(0);

		ztflm_v4_store(folded + ch, ztflm_v4_mla(b, sum, ztflm_v4_dup(p->input_offset)), n);
	}
}

/* Channels ch .. ch + n - 1 of a window inside the input (px: its top-left pixel). */
static inline __attribute__((always_inline)) ztflm_v4
window_inside(const struct ztflm_dw_conv_params *p, const int8_t *px,
			      const int8_t *flt, const int32_t *folded, uint32_t n)
{
	const uint32_t c = (uint32_t)p->input_c;
	const uint32_t row = (uint32_t)p->input_w * c;
	const uint32_t dy = (uint32_t)p->dilation_h * row;
	const uint32_t dx = (uint32_t)p->dilation_w * c;
	ztflm_v4 acc = ztflm_v4_load(folded, n);

	if (p->filter_h == 3 && p->filter_w == 3) {
		for (uint32_t fy = 0; fy < 3u; fy++) {
			const int8_t *r = px + fy * dy;
			const int8_t *f = flt + fy * 3u * c;

			acc = ztflm_v4_mla(acc, ztflm_v4_load_s8(r, n), ztflm_v4_load_s8(f, n));
			acc = ztflm_v4_mla(acc, ztflm_v4_load_s8(r + dx, n),
					   ztflm_v4_load_s8(f + c, n));
			acc = ztflm_v4_mla(acc, ztflm_v4_load_s8(r + 2u * dx, n),
					   ztflm_v4_load_s8(f + 2u * c, n));
		}
		return acc;
	}
	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int8_t *r = px + (uint32_t)fy * dy;
		const int8_t *f = flt + (uint32_t)fy * (uint32_t)p->filter_w * c;

		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			acc = ztflm_v4_mla(acc, ztflm_v4_load_s8(r + (uint32_t)fx * dx, n),
					   ztflm_v4_load_s8(f + (uint32_t)fx * c, n));
		}
	}
	return acc;
}

/* Channels ch .. ch + n - 1 of a window over the edge: only the valid taps, offset added. */
static inline __attribute__((always_inline)) ztflm_v4
window_edge(const struct ztflm_dw_conv_params *p, const int8_t *in_b,
			    const int8_t *flt, const int32_t *bias, int32_t y0, int32_t x0,
			    uint32_t n)
{
	const uint32_t c = (uint32_t)p->input_c;
	ztflm_v4 acc = bias != NULL ? ztflm_v4_load(bias, n) : ztflm_v4_dup(0);

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
			const ztflm_v4 iv = ztflm_v4_add_n(
				ztflm_v4_load_s8(in_b + ((uint32_t)y * (uint32_t)p->input_w +
							 (uint32_t)x) * c, n),
				p->input_offset);
			const ztflm_v4 fv = ztflm_v4_load_s8(
				flt + ((uint32_t)fy * (uint32_t)p->filter_w + (uint32_t)fx) * c, n);

			acc = ztflm_v4_mla(acc, iv, fv);
		}
	}
	return acc;
}

/*
 * The 3x3 fast path: four horizontally adjacent outputs whose windows lie inside the input,
 * one channel at a time. Each tap is one gathering VLDRB.S32 of the four pixels' inputs and a
 * VMLA by the tap's weight (from taps: the channel's nine weights together, so that they load
 * with immediate offsets); the four results are scattered to the outputs.
 */
struct four {
	ztflm_v4 tap[3]; /* byte offsets of the four windows' column fx from the first's */
	ztflm_v4 outs;   /* byte offsets of the four outputs */
	uint32_t dy;     /* bytes between the window's rows */
};

/* taps[9 ch + t] = filter[t * c + ch]. */
static void gather_taps(const struct ztflm_dw_conv_params *p, const int8_t *filter, int8_t *taps)
{
	const uint32_t c = (uint32_t)p->output_c;

	for (uint32_t ch = 0; ch < c; ch++) {
		for (uint32_t t = 0; t < 9u; t++) {
			taps[9u * ch + t] = filter[t * c + ch];
		}
	}
}

static __attribute__((noinline)) void
four_pixels(const struct ztflm_dw_conv_params *p, const struct four *g,
			const int32_t *multiplier, const int32_t *shift, const int8_t *in_b,
			const int8_t *taps, const int32_t *folded, int32_t y0, int32_t x0,
			int8_t *out)
{
	const uint32_t c = (uint32_t)p->output_c;
	const int8_t *r0 = in_b + ((uint32_t)y0 * (uint32_t)p->input_w + (uint32_t)x0) * c;
	const int8_t *r1 = r0 + g->dy;
	const int8_t *r2 = r1 + g->dy;
	const ztflm_v4 t0 = g->tap[0];
	const ztflm_v4 t1 = g->tap[1];
	const ztflm_v4 t2 = g->tap[2];
	const ztflm_v4 outs = g->outs;
	const int32_t per_channel = p->per_channel;
	const int32_t zero = p->output_offset;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;

	for (uint32_t ch = 0; ch < c; ch++) {
		const int8_t *w = taps + 9u * ch;
		ztflm_v4 acc = ztflm_v4_dup(folded[ch]);

		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r0 + ch, t0), w[0]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r0 + ch, t1), w[1]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r0 + ch, t2), w[2]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r1 + ch, t0), w[3]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r1 + ch, t1), w[4]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r1 + ch, t2), w[5]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r2 + ch, t0), w[6]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r2 + ch, t1), w[7]);
		acc = ztflm_v4_mla_n(acc, ztflm_v4_gather_s8(r2 + ch, t2), w[8]);

		const uint32_t q = per_channel ? ch : 0u;

		ztflm_v4_scatter_s8(out + ch, outs,
				    ztflm_v4_requant(acc, ztflm_v4_dup(multiplier[q]),
						     ztflm_v4_dup(shift[q]), zero, lo, hi));
	}
}

/* Output channels ch .. ch + n - 1 of one pixel. */
static inline __attribute__((always_inline)) void
block(const struct ztflm_dw_conv_params *p, const int32_t *multiplier, const int32_t *shift,
      const int8_t *in_b, const int8_t *px, const int8_t *filter, const int32_t *bias,
      const int32_t *folded, int inside, int32_t y0, int32_t x0, uint32_t ch, uint32_t n,
      int8_t *out)
{
	const ztflm_v4 acc =
		inside ? window_inside(p, px + ch, filter + ch, folded + ch, n)
		       : window_edge(p, in_b + ch, filter + ch, bias != NULL ? bias + ch : NULL, y0,
				     x0, n);
	const ztflm_v4 m = p->per_channel ? ztflm_v4_load(multiplier + ch, n)
					  : ztflm_v4_dup(multiplier[0]);
	const ztflm_v4 s = p->per_channel ? ztflm_v4_load(shift + ch, n) : ztflm_v4_dup(shift[0]);

	ztflm_v4_store_s8(out + ch,
			  ztflm_v4_requant(acc, m, s, p->output_offset, p->act.q.min, p->act.q.max),
			  n);
}

static void compute(const struct ztflm_dw_conv_params *params, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	/* A local copy: the int8 output stores cannot alias it, so its fields stay in registers. */
	const struct ztflm_dw_conv_params copy = *params;
	const struct ztflm_dw_conv_params *p = &copy;

	const uint32_t c = (uint32_t)p->output_c;
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * c;
	/* Extent of the window: an output at (y0, x0) is inside when y0 >= 0, y0 + span_h <= h. */
	const int32_t span_h = (p->filter_h - 1) * p->dilation_h + 1;
	const int32_t span_w = (p->filter_w - 1) * p->dilation_w + 1;
	int32_t *folded = scratch;
	/* 3x3 outputs ox_lo .. ox_hi have their windows inside the input along x. */
	const int fast = is_3x3(p);
	int8_t *taps = (int8_t *)(folded + c);
	const int32_t ox_lo = (p->pad_w + p->stride_w - 1) / p->stride_w;
	const int32_t ox_hi = p->input_w - span_w + p->pad_w >= 0
				      ? (p->input_w - span_w + p->pad_w) / p->stride_w
				      : -1;
	const uint32_t sx = (uint32_t)p->stride_w * c;
	const uint32_t dx = (uint32_t)p->dilation_w * c;
	const struct four g = {
		.tap = {ztflm_v4_make(0, (int32_t)sx, (int32_t)(2u * sx), (int32_t)(3u * sx)),
			ztflm_v4_make((int32_t)dx, (int32_t)(dx + sx), (int32_t)(dx + 2u * sx),
				      (int32_t)(dx + 3u * sx)),
			ztflm_v4_make((int32_t)(2u * dx), (int32_t)(2u * dx + sx),
				      (int32_t)(2u * dx + 2u * sx), (int32_t)(2u * dx + 3u * sx))},
		.outs = ztflm_v4_make(0, (int32_t)c, (int32_t)(2u * c), (int32_t)(3u * c)),
		.dy = (uint32_t)p->dilation_h * (uint32_t)p->input_w * c,
	};

	fold_bias(p, filter, bias, folded);
	if (fast) {
		gather_taps(p, filter, taps);
	}
	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;
			const int in_y = y0 >= 0 && y0 + span_h <= p->input_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				if (fast && in_y && ox >= ox_lo && ox + 3 <= ox_hi) {
					four_pixels(p, &g, multiplier, shift, in_b, taps, folded, y0,
						    x0, out);
					out += 4u * c;
					ox += 3;
					continue;
				}
				const int inside = in_y && x0 >= 0 && x0 + span_w <= p->input_w;
				const int8_t *px =
					inside ? in_b + ((uint32_t)y0 * (uint32_t)p->input_w +
							 (uint32_t)x0) * c
					       : in_b;

				uint32_t ch = 0;

				/* Whole blocks with n a constant 4 (no predication), then the rest. */
				for (; ch + 4u <= c; ch += 4u) {
					block(p, multiplier, shift, in_b, px, filter, bias, folded,
					      inside, y0, x0, ch, 4u, out);
				}
				if (ch < c) {
					block(p, multiplier, shift, in_b, px, filter, bias, folded,
					      inside, y0, x0, ch, c - ch, out);
				}
				out += c;
			}
		}
	}
}

static bool can_run(const void *params)
{
	return use_mve(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(depthwise_conv_2d_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, can_run,
	      scratch_bytes);

/* Depth multipliers above 1: each input value times four of its outputs' weights at a time. */
static void compute_multiplier(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
			       const int32_t *shift, const int8_t *in, const int8_t *filter,
			       const int32_t *bias, int8_t *out, void *scratch)
{
	(void)scratch;
	dw_multiplier(p, multiplier, shift, in, filter, bias, out);
}

static bool can_run_multiplier(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return p->depth_multiplier > 1;
}

static int eval_multiplier(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, compute_multiplier);
}

ZTFLM_VARIANT(depthwise_conv_2d_s8_multiplier_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval_multiplier,
	      can_run_multiplier, NULL);
