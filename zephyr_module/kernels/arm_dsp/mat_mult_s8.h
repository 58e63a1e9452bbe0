/*
 * The int8-weight matrix products under CONV_2D and FULLY_CONNECTED (Arm DSP extension):
 * weight rows times columns of int16 activations (int8 ones widened with their offset, or
 * 16x8's as they are) laid out in the lane pairs SXTB16 gives the weights, with SMLAD.
 * Header-only so that every file of the overlay still replaces exactly one reference file.
 */
#ifndef ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_
#define ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_

#include <stdint.h>

#include "arm_dsp/dsp.h"

/*
 * Four columns widened side by side, for the 1 x 4 product: each group of four values
 * x0..x3 of a column as the words (x0, x2), (x1, x3), columns 0 to 3 one after the other,
 * so one pointer walks all four; a tail of fewer than four values as the words
 * (column 0, column 1), (column 2, column 3).
 */
static inline void ztflm_widen4_s8(const int8_t *const src[4], uint32_t n, int32_t offset,
				   uint64_t *dst)
{
	const uint32_t off2 = ztflm_dsp_dup16(offset);
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		for (uint32_t j = 0; j < 4u; j++) {
			const uint32_t x = ztflm_dsp_load4(src[j] + i);

			*dst++ = ztflm_dsp_sxtab16(off2, x) |
				 ((uint64_t)ztflm_dsp_sxtab16_ror8(off2, x) << 32);
		}
	}
	for (; i < n; i++) {
		*dst++ = ztflm_dsp_pack16(src[0][i] + offset, src[1][i] + offset) |
			 ((uint64_t)ztflm_dsp_pack16(src[2][i] + offset, src[3][i] + offset) << 32);
	}
}

/*
 * Four int16 columns in the layout ztflm_widen4_s8 writes (16x8: no offset to add, values as
 * they are): groups of four as the words (x0, x2), (x1, x3), then the tail in pairs.
 */
static inline void ztflm_interleave4_s16(const int16_t *const src[4], uint32_t n, uint64_t *dst)
{
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		for (uint32_t j = 0; j < 4u; j++) {
			const int16_t *x = src[j] + i;

			*dst++ = ztflm_dsp_pack16(x[0], x[2]) |
				 ((uint64_t)ztflm_dsp_pack16(x[1], x[3]) << 32);
		}
	}
	for (; i < n; i++) {
		*dst++ = ztflm_dsp_pack16(src[0][i], src[1][i]) |
			 ((uint64_t)ztflm_dsp_pack16(src[2][i], src[3][i]) << 32);
	}
}

/*
 * Values a run of SMLADs takes in 16x8 while its int32 sum stays exact: each product is at
 * most 2^22 in size, 508 of them (a multiple of four) stay below 2^31.
 */
#define ZTFLM_MM_S16_RUN 508u

/*
 * One weight row (n values, no offset) against four side-by-side columns c, plus bias: the
 * four sums to acc[0], acc[stride], acc[2 * stride], acc[3 * stride]. Out of line: the loop
 * then has the register file to itself and never spills.
 */
ZTFLM_DSP_HOT static void
ztflm_mm_dot4(const int8_t *w, uint32_t n, const uint64_t *c, int32_t bias, int32_t *acc,
	      uint32_t stride)
{
	const int8_t *end8 = w + (n & ~7u);
	int32_t a0 = bias;
	int32_t a1 = bias;
	int32_t a2 = bias;
	int32_t a3 = bias;
	uint32_t lo;
	uint32_t hi;

/* Four weights (one word, split in two lane pairs) against group g of the four columns. */
#define ZTFLM_MM_GROUP(wv, g)                                                             \
	do {                                                                              \
		const uint32_t w02 = ztflm_dsp_sxtb16(wv);                                \
		const uint32_t w13 = ztflm_dsp_sxtb16_ror8(wv);                           \
		ztflm_dsp_load8(c, 4 * (g), lo, hi);                                      \
		a0 = ztflm_dsp_smlad(w02, lo, a0);                                        \
		a0 = ztflm_dsp_smlad(w13, hi, a0);                                        \
		ztflm_dsp_load8(c, 4 * (g) + 1, lo, hi);                                  \
		a1 = ztflm_dsp_smlad(w02, lo, a1);                                        \
		a1 = ztflm_dsp_smlad(w13, hi, a1);                                        \
		ztflm_dsp_load8(c, 4 * (g) + 2, lo, hi);                                  \
		a2 = ztflm_dsp_smlad(w02, lo, a2);                                        \
		a2 = ztflm_dsp_smlad(w13, hi, a2);                                        \
		ztflm_dsp_load8(c, 4 * (g) + 3, lo, hi);                                  \
		a3 = ztflm_dsp_smlad(w02, lo, a3);                                        \
		a3 = ztflm_dsp_smlad(w13, hi, a3);                                        \
	} while (0)

	/* Eight weights a pass: the loop's own instructions count once per 32 MACs. */
	while (w != end8) {
		const uint32_t wa = ztflm_dsp_load4(w);
		const uint32_t wb = ztflm_dsp_load4(w + 4);

		ZTFLM_MM_GROUP(wa, 0);
		ZTFLM_MM_GROUP(wb, 1);
		w += 8;
		c += 8;
	}
	if ((n & 4u) != 0u) {
		const uint32_t wa = ztflm_dsp_load4(w);

		ZTFLM_MM_GROUP(wa, 0);
		w += 4;
		c += 4;
	}
#undef ZTFLM_MM_GROUP
	for (uint32_t i = n & ~3u; i < n; i++) {
		const uint32_t w2 = ztflm_dsp_dup16(*w++);
		const uint64_t x = *c++;

		a0 = ztflm_dsp_smlabb(w2, (uint32_t)x, a0);
		a1 = ztflm_dsp_smlatt(w2, (uint32_t)x, a1);
		a2 = ztflm_dsp_smlabb(w2, (uint32_t)(x >> 32), a2);
		a3 = ztflm_dsp_smlatt(w2, (uint32_t)(x >> 32), a3);
	}
	acc[0] = a0;
	acc[stride] = a1;
	acc[2u * stride] = a2;
	acc[3u * stride] = a3;
}

/*
 * 16x8: one weight row against four interleaved int16 columns, the exact int64 sums (TFLM's
 * accumulator) from runs of at most ZTFLM_MM_S16_RUN values.
 */
static inline void ztflm_mm_dot4_s16(const int8_t *w, uint32_t n, const uint64_t *c,
				     int64_t acc[4])
{
	acc[0] = acc[1] = acc[2] = acc[3] = 0;
	for (uint32_t i = 0; i < n; i += ZTFLM_MM_S16_RUN) {
		int32_t run[4];

		ztflm_mm_dot4(w + i, n - i < ZTFLM_MM_S16_RUN ? n - i : ZTFLM_MM_S16_RUN, c + i, 0,
			      run, 1u);
		for (uint32_t j = 0; j < 4u; j++) {
			acc[j] += run[j];
		}
	}
}

/*
 * Three weight rows (row stride n) against one column, its groups of four as 64-bit words
 * (x0, x2) low and (x1, x3) high: acc[0..2] += the groups' sums. Three, not four: with four
 * the loop no longer fits the register file.
 */
ZTFLM_DSP_HOT static void ztflm_mm_dot3x1(const int8_t *w, uint32_t n, const uint64_t *x,
					  uint32_t groups, int32_t acc[3])
{
	const int8_t *w0 = w;
	const int8_t *w1 = w + n;
	const int8_t *w2 = w + 2u * n;
	const uint64_t *end = x + groups;
	int32_t a0 = acc[0];
	int32_t a1 = acc[1];
	int32_t a2 = acc[2];

	while (x != end) {
		uint32_t lo;
		uint32_t hi;
		uint32_t wv;

		ztflm_dsp_load8(x, 0, lo, hi);
		x++;
		wv = ztflm_dsp_load4(w0);
		w0 += 4;
		a0 = ztflm_dsp_smlad(ztflm_dsp_sxtb16(wv), lo, a0);
		a0 = ztflm_dsp_smlad(ztflm_dsp_sxtb16_ror8(wv), hi, a0);
		wv = ztflm_dsp_load4(w1);
		w1 += 4;
		a1 = ztflm_dsp_smlad(ztflm_dsp_sxtb16(wv), lo, a1);
		a1 = ztflm_dsp_smlad(ztflm_dsp_sxtb16_ror8(wv), hi, a1);
		wv = ztflm_dsp_load4(w2);
		w2 += 4;
		a2 = ztflm_dsp_smlad(ztflm_dsp_sxtb16(wv), lo, a2);
		a2 = ztflm_dsp_smlad(ztflm_dsp_sxtb16_ror8(wv), hi, a2);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
}

/* One weight row against one column laid out as for ztflm_mm_dot3x1: the sum added to acc. */
ZTFLM_DSP_HOT static int32_t ztflm_mm_dot1x1(const int8_t *w, const uint64_t *x, uint32_t groups,
					     int32_t acc)
{
	for (uint32_t g = 0; g < groups; g++) {
		uint32_t lo;
		uint32_t hi;
		const uint32_t wv = ztflm_dsp_load4(w + 4u * g);

		ztflm_dsp_load8(x + g, 0, lo, hi);
		acc = ztflm_dsp_smlad(ztflm_dsp_sxtb16(wv), lo, acc);
		acc = ztflm_dsp_smlad(ztflm_dsp_sxtb16_ror8(wv), hi, acc);
	}
	return acc;
}

#endif /* ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_ */
