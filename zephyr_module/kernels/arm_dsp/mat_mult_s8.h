/*
 * The int8 matrix product under CONV_2D and FULLY_CONNECTED (Arm DSP extension): weight rows
 * times columns of activations already widened to int16 with their offset, two rows by two
 * columns at a time with SMLAD, requantized to int8. Header-only so that every file of the
 * overlay still replaces exactly one reference file.
 */
#ifndef ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_
#define ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_

#include <stdint.h>

#include "arm_dsp/dsp.h"

struct ztflm_mat_mult_s8 {
	int32_t rows;           /**< weight rows: output channels */
	int32_t depth;          /**< weights per row, values per column */
	const int8_t *weights;  /**< rows x depth */
	int32_t weight_offset;  /**< added to every weight, in [-128, 128] */
	const int32_t *bias;    /**< rows entries, or NULL */
	const int32_t *multiplier;
	const int32_t *shift;   /**< left if > 0 */
	int32_t per_channel;    /**< multiplier and shift per row, else one */
	int32_t output_offset;
	int32_t act_min;
	int32_t act_max;
};

/*
 * Widened column layout: each group of four values x0..x3 as the words (x0, x2) and (x1, x3),
 * which is what SXTAB16 and SXTAB16 ROR #8 give from one word of int8; a tail of fewer than
 * four as plain int16. The weights are split the same way as they are read.
 */
static inline void ztflm_widen_s8(const int8_t *src, uint32_t n, int32_t offset, int16_t *dst)
{
	const uint32_t off2 = ztflm_dsp_dup16(offset);
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		const uint32_t w = ztflm_dsp_load4(src + i);

		ztflm_dsp_store4(dst + i, ztflm_dsp_sxtab16(off2, w));
		ztflm_dsp_store4(dst + i + 2u, ztflm_dsp_sxtab16_ror8(off2, w));
	}
	for (; i < n; i++) {
		dst[i] = (int16_t)(src[i] + offset);
	}
}

struct ztflm_mm_row {
	int32_t multiplier;
	int32_t left;
	int32_t right;
};

static inline struct ztflm_mm_row ztflm_mm_row(const struct ztflm_mat_mult_s8 *m, int32_t r)
{
	const int32_t ch = m->per_channel ? r : 0;
	const int32_t s = m->shift[ch];
	const struct ztflm_mm_row q = {m->multiplier[ch], s > 0 ? s : 0, s > 0 ? 0 : -s};

	return q;
}

static inline int8_t ztflm_mm_out(const struct ztflm_mat_mult_s8 *m, struct ztflm_mm_row q,
				  int32_t acc)
{
	return ztflm_dsp_out_s8(acc, q.multiplier, q.left, q.right, m->output_offset, m->act_min,
				m->act_max);
}

/* Rows r and r + 1 against columns c0 and c1: out0[r], out0[r + 1], out1[r], out1[r + 1]. */
static inline void ztflm_mm_2x2(const struct ztflm_mat_mult_s8 *m, int32_t r, const int16_t *c0,
				const int16_t *c1, int8_t *out0, int8_t *out1)
{
	const uint32_t n = (uint32_t)m->depth;
	const int8_t *w0 = m->weights + (uint32_t)r * n;
	const int8_t *w1 = w0 + n;
	const uint32_t woff2 = ztflm_dsp_dup16(m->weight_offset);
	const int32_t b0 = m->bias != NULL ? m->bias[r] : 0;
	const int32_t b1 = m->bias != NULL ? m->bias[r + 1] : 0;
	int32_t a00 = b0;
	int32_t a01 = b0;
	int32_t a10 = b1;
	int32_t a11 = b1;
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		const uint32_t wa = ztflm_dsp_load4(w0 + i);
		const uint32_t wb = ztflm_dsp_load4(w1 + i);
		const uint32_t x0 = ztflm_dsp_load4(c0 + i);
		const uint32_t x1 = ztflm_dsp_load4(c0 + i + 2u);
		const uint32_t y0 = ztflm_dsp_load4(c1 + i);
		const uint32_t y1 = ztflm_dsp_load4(c1 + i + 2u);
		const uint32_t wa0 = ztflm_dsp_sxtab16(woff2, wa);
		const uint32_t wa1 = ztflm_dsp_sxtab16_ror8(woff2, wa);
		const uint32_t wb0 = ztflm_dsp_sxtab16(woff2, wb);
		const uint32_t wb1 = ztflm_dsp_sxtab16_ror8(woff2, wb);

		a00 = ztflm_dsp_smlad(wa0, x0, a00);
		a00 = ztflm_dsp_smlad(wa1, x1, a00);
		a01 = ztflm_dsp_smlad(wa0, y0, a01);
		a01 = ztflm_dsp_smlad(wa1, y1, a01);
		a10 = ztflm_dsp_smlad(wb0, x0, a10);
		a10 = ztflm_dsp_smlad(wb1, x1, a10);
		a11 = ztflm_dsp_smlad(wb0, y0, a11);
		a11 = ztflm_dsp_smlad(wb1, y1, a11);
	}
	for (; i < n; i++) {
		const int32_t wa = w0[i] + m->weight_offset;
		const int32_t wb = w1[i] + m->weight_offset;

		a00 = (int32_t)((uint32_t)a00 + (uint32_t)(wa * c0[i]));
		a01 = (int32_t)((uint32_t)a01 + (uint32_t)(wa * c1[i]));
		a10 = (int32_t)((uint32_t)a10 + (uint32_t)(wb * c0[i]));
		a11 = (int32_t)((uint32_t)a11 + (uint32_t)(wb * c1[i]));
	}
	const struct ztflm_mm_row q0 = ztflm_mm_row(m, r);
	const struct ztflm_mm_row q1 = ztflm_mm_row(m, r + 1);

	out0[r] = ztflm_mm_out(m, q0, a00);
	out1[r] = ztflm_mm_out(m, q0, a01);
	out0[r + 1] = ztflm_mm_out(m, q1, a10);
	out1[r + 1] = ztflm_mm_out(m, q1, a11);
}

/* Row r against column c0 (and c1 when not NULL). */
static inline void ztflm_mm_1row(const struct ztflm_mat_mult_s8 *m, int32_t r, const int16_t *c0,
				 const int16_t *c1, int8_t *out0, int8_t *out1)
{
	const uint32_t n = (uint32_t)m->depth;
	const int8_t *w0 = m->weights + (uint32_t)r * n;
	const uint32_t woff2 = ztflm_dsp_dup16(m->weight_offset);
	const int32_t b0 = m->bias != NULL ? m->bias[r] : 0;
	int32_t a0 = b0;
	int32_t a1 = b0;
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		const uint32_t wa = ztflm_dsp_load4(w0 + i);
		const uint32_t wa0 = ztflm_dsp_sxtab16(woff2, wa);
		const uint32_t wa1 = ztflm_dsp_sxtab16_ror8(woff2, wa);

		a0 = ztflm_dsp_smlad(wa0, ztflm_dsp_load4(c0 + i), a0);
		a0 = ztflm_dsp_smlad(wa1, ztflm_dsp_load4(c0 + i + 2u), a0);
		if (c1 != NULL) {
			a1 = ztflm_dsp_smlad(wa0, ztflm_dsp_load4(c1 + i), a1);
			a1 = ztflm_dsp_smlad(wa1, ztflm_dsp_load4(c1 + i + 2u), a1);
		}
	}
	for (; i < n; i++) {
		const int32_t wa = w0[i] + m->weight_offset;

		a0 = (int32_t)((uint32_t)a0 + (uint32_t)(wa * c0[i]));
		if (c1 != NULL) {
			a1 = (int32_t)((uint32_t)a1 + (uint32_t)(wa * c1[i]));
		}
	}
	const struct ztflm_mm_row q = ztflm_mm_row(m, r);

	out0[r] = ztflm_mm_out(m, q, a0);
	if (c1 != NULL) {
		out1[r] = ztflm_mm_out(m, q, a1);
	}
}

/* Every row against two widened columns: out0 and out1 get rows values each. */
static inline void ztflm_mat_mult_s8_2col(const struct ztflm_mat_mult_s8 *m, const int16_t *c0,
					  const int16_t *c1, int8_t *out0, int8_t *out1)
{
	int32_t r = 0;

	for (; r + 2 <= m->rows; r += 2) {
		ztflm_mm_2x2(m, r, c0, c1, out0, out1);
	}
	if (r < m->rows) {
		ztflm_mm_1row(m, r, c0, c1, out0, out1);
	}
}

/* Rows r and r + 1 against column c0: out0[r], out0[r + 1]. */
static inline void ztflm_mm_2x1(const struct ztflm_mat_mult_s8 *m, int32_t r, const int16_t *c0,
				int8_t *out0)
{
	const uint32_t n = (uint32_t)m->depth;
	const int8_t *w0 = m->weights + (uint32_t)r * n;
	const int8_t *w1 = w0 + n;
	const uint32_t woff2 = ztflm_dsp_dup16(m->weight_offset);
	int32_t a0 = m->bias != NULL ? m->bias[r] : 0;
	int32_t a1 = m->bias != NULL ? m->bias[r + 1] : 0;
	uint32_t i = 0;

	for (; i + 4u <= n; i += 4u) {
		const uint32_t wa = ztflm_dsp_load4(w0 + i);
		const uint32_t wb = ztflm_dsp_load4(w1 + i);
		const uint32_t x0 = ztflm_dsp_load4(c0 + i);
		const uint32_t x1 = ztflm_dsp_load4(c0 + i + 2u);

		a0 = ztflm_dsp_smlad(ztflm_dsp_sxtab16(woff2, wa), x0, a0);
		a0 = ztflm_dsp_smlad(ztflm_dsp_sxtab16_ror8(woff2, wa), x1, a0);
		a1 = ztflm_dsp_smlad(ztflm_dsp_sxtab16(woff2, wb), x0, a1);
		a1 = ztflm_dsp_smlad(ztflm_dsp_sxtab16_ror8(woff2, wb), x1, a1);
	}
	for (; i < n; i++) {
		a0 = (int32_t)((uint32_t)a0 + (uint32_t)((w0[i] + m->weight_offset) * c0[i]));
		a1 = (int32_t)((uint32_t)a1 + (uint32_t)((w1[i] + m->weight_offset) * c0[i]));
	}
	out0[r] = ztflm_mm_out(m, ztflm_mm_row(m, r), a0);
	out0[r + 1] = ztflm_mm_out(m, ztflm_mm_row(m, r + 1), a1);
}

/* Every row against one widened column. */
static inline void ztflm_mat_mult_s8_1col(const struct ztflm_mat_mult_s8 *m, const int16_t *c0,
					  int8_t *out0)
{
	int32_t r = 0;

	for (; r + 2 <= m->rows; r += 2) {
		ztflm_mm_2x1(m, r, c0, out0);
	}
	if (r < m->rows) {
		ztflm_mm_1row(m, r, c0, NULL, out0, NULL);
	}
}

#endif /* ZTFLM_KERNELS_ARM_DSP_MAT_MULT_S8_H_ */
