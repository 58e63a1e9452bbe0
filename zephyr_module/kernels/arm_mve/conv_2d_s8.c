/*
 * CONV_2D of int8 tensors with int8 weights (Helium): the input offset is folded into a
 * per-channel bias (bias + offset * sum of the channel's weights), so columns stay int8 and
 * two channels by two pixels take four VMLADAVA per sixteen depth values; each pixel's
 * accumulators are then requantized four channels at a time. 1x1 filters without padding read their columns straight from the
 * input; other windows are copied to im2col columns, padding as the input zero point.
 * Grouped convolutions, and padding that is not an int8, are left to the reference variant.
 */
#include "arm_mve/im2col.h"
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/conv_2d.h"

static uint32_t depth(const struct ztflm_conv_params *p)
{
	return (uint32_t)p->filter_h * (uint32_t)p->filter_w * (uint32_t)p->filter_c;
}

/* Padding is the input zero point (-input_offset): it must be an int8. */
static int use_mve(const struct ztflm_conv_params *p)
{
	return p->filter_c == p->input_c && p->input_offset >= -127 && p->input_offset <= 128 &&
	       p->act.q.min <= p->act.q.max;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;
	/* The folded bias and two pixels' accumulators per channel, two im2col columns unless 1x1. */
	const uint32_t words = ztflm_size_mul(12u, (uint32_t)p->output_c);

	return ztflm_conv_1x1(p) ? words : ztflm_size_add(words, ztflm_size_mul(2u, depth(p)));
}


/* bias + input_offset * (sum of the channel's weights), wrapping as TFLM's accumulator. */
static void fold_bias(const struct ztflm_conv_params *p, const int8_t *filter,
		      const int32_t *bias, int32_t *folded)
{
	const uint32_t k = depth(p);

	for (int32_t oc = 0; oc < p->output_c; oc++) {
		const uint32_t sum = (uint32_t)ztflm_mve_sum_s8(filter + (uint32_t)oc * k, k);
		const uint32_t b = bias != NULL ? (uint32_t)bias[oc] : 0u;

		folded[oc] = (int32_t)(b + sum * (uint32_t)p->input_offset);
	}
}

/*
 * Every channel for two pixels' columns, two channels at a time: acc0 and acc1 get the
 * accumulators (folded bias included) of the pixels. An odd last channel pairs with itself.
 */
static __attribute__((noinline)) void
accumulate(const struct ztflm_conv_params *p, const int8_t *filter, const int32_t *folded,
	   const int8_t *c0, const int8_t *c1, int32_t *acc0, int32_t *acc1)
{
	const uint32_t k = depth(p);
	const uint32_t oc = (uint32_t)p->output_c;
	const int8_t *w = filter;
	uint32_t r = 0;

	/* Its own function: the dot loop gets the registers to itself. */
	for (; r + 2u <= oc; r += 2u) {
		int32_t acc[4] = {folded[r], folded[r + 1u], folded[r], folded[r + 1u]};

		ztflm_mve_dot_2x2(w, w + k, c0, c1, k, acc);
		w += 2u * k;
		acc0[r] = acc[0];
		acc0[r + 1u] = acc[1];
		acc1[r] = acc[2];
		acc1[r + 1u] = acc[3];
	}
	if (r < oc) {
		int32_t acc[4] = {folded[r], folded[r], folded[r], folded[r]};

		ztflm_mve_dot_2x2(w, w, c0, c1, k, acc);
		acc0[r] = acc[0];
		acc1[r] = acc[2];
	}
}

/* One pixel's int8 outputs from its accumulators, four channels per requantization. */
static void requantize(const struct ztflm_conv_params *p, const int32_t *multiplier,
		       const int32_t *shift, const int32_t *acc, int8_t *out)
{
	/* Locals: the int8 stores below could alias *p, which would reload it every time. */
	const uint32_t oc = (uint32_t)p->output_c;
	const int32_t per_channel = p->per_channel;
	const int32_t zero = p->output_offset;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;
	const ztflm_v4 m1 = ztflm_v4_dup(multiplier[0]);
	const ztflm_v4 s1 = ztflm_v4_dup(shift[0]);
	uint32_t c = 0;

	for (; c + 4u <= oc; c += 4u) {
		const ztflm_v4 m = per_channel ? ztflm_v4_load(multiplier + c, 4u) : m1;
		const ztflm_v4 s = per_channel ? ztflm_v4_load(shift + c, 4u) : s1;

		ztflm_v4_store_s8(out + c,
				  ztflm_v4_requant(ztflm_v4_load(acc + c, 4u), m, s, zero, lo, hi),
				  4u);
	}
	if (c < oc) {
		const uint32_t n = oc - c;
		const ztflm_v4 m = per_channel ? ztflm_v4_load(multiplier + c, n) : m1;
		const ztflm_v4 s = per_channel ? ztflm_v4_load(shift + c, n) : s1;

		ztflm_v4_store_s8(out + c,
				  ztflm_v4_requant(ztflm_v4_load(acc + c, n), m, s, zero, lo, hi),
				  n);
	}
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t k = depth(p);
	const uint32_t oc = (uint32_t)p->output_c;
	const uint32_t pixels =
		(uint32_t)p->batches * (uint32_t)p->output_h * (uint32_t)p->output_w;
	int32_t *folded = scratch;
	int32_t *acc0 = folded + oc;
	int32_t *acc1 = acc0 + oc;
	int8_t *col = (int8_t *)(acc1 + oc);

	const int8_t pad = (int8_t)(-p->input_offset);

	fold_bias(p, filter, bias, folded);
	for (uint32_t pix = 0; pix < pixels; pix += 2u) {
		const int two = pixels - pix >= 2u;
		const int8_t *c0 = ztflm_mve_im2col(p, in, pix, 1u, pad, col);
		const int8_t *c1 = two ? ztflm_mve_im2col(p, in, pix + 1u, 1u, pad, col + k) : c0;

		accumulate(p, filter, folded, c0, c1, acc0, acc1);
		requantize(p, multiplier, shift, acc0, out + pix * oc);
		if (two) {
			requantize(p, multiplier, shift, acc1, out + (pix + 1u) * oc);
		}
	}
}

static bool can_run(const void *params)
{
	return use_mve(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
