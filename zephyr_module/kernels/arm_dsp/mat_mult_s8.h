/*
 * The int8 matrix product under CONV_2D (Arm DSP extension): weight rows times four columns
 * of activations already widened to int16 with their offset, with SMLAD. Header-only so
 * that every file of the overlay still replaces exactly one reference file.
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

#endif /* ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_ */
