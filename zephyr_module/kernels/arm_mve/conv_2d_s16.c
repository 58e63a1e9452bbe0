/*
 * CONV_2D 16x8 (Helium): two channels by two pixels, four VMLALDAVA (eight int8 weights
 * widened by the load against eight int16 inputs, into TFLM's int64 accumulator) per eight
 * depth values; 1x1 filters without padding read their columns from the input, other windows
 * are copied to im2col columns with zero padding. INT4 weights and grouped convolutions take
 * the reference variant.
 */
#include "arm_mve/im2col.h"
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/conv_2d.h"

static uint32_t depth(const struct ztflm_conv_params *p)
{
	return ztflm_size_mul(ztflm_size_mul((uint32_t)p->filter_h, (uint32_t)p->filter_w),
			      (uint32_t)p->filter_c);
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;

	/* Two im2col columns of int16, unless 1x1. */
	return ztflm_conv_1x1(p) ? 0u : ztflm_size_mul(4u, depth(p));
}

/* One output value of channel r from its exact sum. */
static int16_t output(const struct ztflm_conv_params *p, const int32_t *multiplier,
		      const int32_t *shift, const void *bias, uint32_t r, int64_t sum)
{
	const uint32_t ch = p->per_channel ? r : 0u;
	const int32_t v = ztflm_conv_scale_s16(sum, bias, r, p->acc32, multiplier[ch], shift[ch]);

	return (int16_t)ztflm_clamp_i32(v, p->act.q.min, p->act.q.max);
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const uint32_t k = depth(p);
	const uint32_t oc = (uint32_t)p->output_c;
	const uint32_t pixels =
		(uint32_t)p->batches * (uint32_t)p->output_h * (uint32_t)p->output_w;
	int16_t *col = scratch;

	for (uint32_t pix = 0; pix < pixels; pix += 2u) {
		const int two = pixels - pix >= 2u;
		const int16_t *c0 = ztflm_mve_im2col(p, in, pix, 2u, 0, col);
		const int16_t *c1 = two ? ztflm_mve_im2col(p, in, pix + 1u, 2u, 0, col + k) : c0;
		int16_t *o0 = out + pix * oc;
		int16_t *o1 = o0 + oc;

		for (uint32_t r = 0; r < oc; r += 2u) {
			/* An odd last channel pairs with itself. */
			const uint32_t r1 = r + 1u < oc ? r + 1u : r;
			int64_t acc[4] = {0, 0, 0, 0};

			ztflm_mve_dot_s16_2x2(filter + r * k, filter + r1 * k, c0, c1, k, acc);
			o0[r] = output(p, multiplier, shift, bias, r, acc[0]);
			o0[r1] = output(p, multiplier, shift, bias, r1, acc[1]);
			if (two) {
				o1[r] = output(p, multiplier, shift, bias, r, acc[2]);
				o1[r1] = output(p, multiplier, shift, bias, r1, acc[3]);
			}
		}
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return !p->filter_int4 && p->filter_c == p->input_c;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s16_arm_mve, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, scratch_bytes);
