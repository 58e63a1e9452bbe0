/*
 * CONV_2D 16x8 (Arm DSP extension): int16 im2col columns four pixels at a time, laid out in
 * the lane pairs SXTB16 gives the weights, then each output channel's int8 weights against
 * the four with SMLAD, in runs short enough for exact int32 sums added up in int64 (TFLM's
 * accumulator). 1x1 filters skip the copy. INT4 weights and grouped convolutions take the
 * reference variant.
 */
#include "arm_dsp/dsp.h"
#include "arm_dsp/im2col.h"
#include "arm_dsp/mat_mult_s8.h"
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

	/* Four interleaved columns (8 bytes a value), for a real window the four int16 columns
	 * they come from (8 more), and 4 bytes to align the whole to 8. */
	return ztflm_size_add(4u, ztflm_size_mul(ztflm_conv_1x1(p) ? 8u : 16u, depth(p)));
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const uint32_t k = depth(p);
	const uint32_t rows = (uint32_t)p->output_c;
	const uint32_t pixels =
		(uint32_t)p->batches * (uint32_t)p->output_h * (uint32_t)p->output_w;
	uint64_t *wide = (uint64_t *)(void *)(((uintptr_t)scratch + 7u) & ~(uintptr_t)7u);
	int16_t *col = (int16_t *)(void *)(wide + k);
	const uint32_t step = p->per_channel ? 1u : 0u;

	for (uint32_t pix = 0; pix < pixels; pix += 4u) {
		const int16_t *src[4];

		for (uint32_t j = 0; j < 4u; j++) {
			/* Past the last pixel: the last column again, its sums dropped. */
			const uint32_t last = pix + j < pixels ? pix + j : pixels - 1u;

			src[j] = ztflm_dsp_im2col(p, in, last, 2u, 0, col + j * k);
		}
		ztflm_interleave4_s16(src, k, wide);
		const uint32_t n = pixels - pix < 4u ? pixels - pix : 4u;
		int16_t *dst = out + pix * rows;

		for (uint32_t r = 0; r < rows; r++) {
			int64_t acc[4];

			ztflm_mm_dot4_s16(filter + r * k, k, wide, acc);
			for (uint32_t j = 0; j < n; j++) {
				const int32_t v = ztflm_conv_scale_s16(acc[j], bias, r, p->acc32,
								       multiplier[r * step],
								       shift[r * step]);

				dst[j * rows + r] =
					(int16_t)ztflm_clamp_i32(v, p->act.q.min, p->act.q.max);
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

ZTFLM_VARIANT(conv_2d_s16_arm_dsp, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, scratch_bytes);
