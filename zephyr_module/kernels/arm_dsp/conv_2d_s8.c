/*
 * CONV_2D of int8 tensors with int8 weights (Arm DSP extension): im2col columns widened to
 * int16 with the input offset folded in, four pixels at a time, then each output channel's
 * weights against the four with dual 16-bit multiply-accumulates. 1x1 filters skip the im2col
 * copy. Grouped convolutions and input offsets outside int8 are left to the reference variant.
 */
#include "arm_dsp/dsp.h"
#include "arm_dsp/im2col.h"
#include "arm_dsp/mat_mult_s8.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/conv_2d.h"

static uint32_t depth(const struct ztflm_conv_params *p)
{
	return (uint32_t)p->filter_h * (uint32_t)p->filter_w * (uint32_t)p->filter_c;
}

static int use_dsp(const struct ztflm_conv_params *p)
{
	return p->filter_c == p->input_c && p->input_offset >= -128 && p->input_offset <= 128;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;
	const uint32_t k = depth(p);

	/* Four widened columns and, for a real window, the four int8 columns they come from;
	 * 4 bytes to align the whole to 8 (the arena aligns scratch to 4). Each channel's four
	 * sums are requantized as they come, with its parameters split there: neither takes
	 * scratch. */
	return ztflm_size_add(4u, ztflm_size_mul(ztflm_conv_1x1(p) ? 8u : 12u, k));
}


/* Whether a multiplier of the node is INT32_MIN, the one that can saturate. */
static int saturating(const int32_t *multiplier, uint32_t count)
{
	int32_t any = 0;

	for (uint32_t r = 0; r < count; r++) {
		any |= multiplier[r] == INT32_MIN;
	}
	return any;
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t k = depth(p);
	const uint32_t rows = (uint32_t)p->output_c;
	const uint32_t pixels =
		(uint32_t)p->batches * (uint32_t)p->output_h * (uint32_t)p->output_w;
	uint64_t *wide = (uint64_t *)(void *)(((uintptr_t)scratch + 7u) & ~(uintptr_t)7u);
	int8_t *col = (int8_t *)(wide + k);
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;
	const int32_t off = p->output_offset;
	const int32_t input_offset = p->input_offset;
	const uint32_t step = p->per_channel ? 1u : 0u;
	/* The activation range all of int8 and no multiplier INT32_MIN: SSAT alone clamps.
	 * Decided once per node, so that the loop over channels of four full columns tests
	 * nothing. */
	const int full = lo == INT8_MIN && hi == INT8_MAX &&
			 !saturating(multiplier, step ? rows : 1u);

	for (uint32_t pix = 0; pix < pixels; pix += 4u) {
		const int8_t *src[4];

		for (uint32_t j = 0; j < 4u; j++) {
			/* Past the last pixel: the last column again, its sums dropped. */
			const uint32_t last = pix + j < pixels ? pix + j : pixels - 1u;

			src[j] = ztflm_dsp_im2col(p, in, last, 1u, (int8_t)(-p->input_offset),
						  col + j * k);
		}
		ztflm_widen4_s8(src, k, input_offset, wide);
		const uint32_t n = pixels - pix < 4u ? pixels - pix : 4u;
		int8_t *dst = out + pix * rows;

		/* Each channel's weights against the four columns, requantized at once. */
		if (n == 4u && full) {
			const int8_t *w = filter;

			for (uint32_t r = 0; r < rows; r++, w += k) {
				int32_t acc[4];
				struct ztflm_dsp_qparam q;

				ztflm_mm_dot4(w, k, wide, bias != NULL ? bias[r] : 0, acc, 1u);
				ztflm_dsp_qparam_of(multiplier[r * step], shift[r * step], &q);
				dst[r] = ztflm_dsp_out_full(acc[0], &q, off);
				dst[rows + r] = ztflm_dsp_out_full(acc[1], &q, off);
				dst[2u * rows + r] = ztflm_dsp_out_full(acc[2], &q, off);
				dst[3u * rows + r] = ztflm_dsp_out_full(acc[3], &q, off);
			}
			continue;
		}
		for (uint32_t r = 0; r < rows; r++) {
			int32_t acc[4];
			struct ztflm_dsp_qparam q;

			ztflm_mm_dot4(filter + r * k, k, wide, bias != NULL ? bias[r] : 0, acc, 1u);
			ztflm_dsp_qparam_of(multiplier[r * step], shift[r * step], &q);
			for (uint32_t j = 0; j < n; j++) {
				dst[j * rows + r] = ztflm_dsp_out_q(acc[j], &q, off, lo, hi);
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
	return ztflm_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
