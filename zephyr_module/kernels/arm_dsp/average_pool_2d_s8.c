/*
 * AVERAGE_POOL_2D on int8 (Arm DSP extension): four channels a word, summed in two 16-bit
 * lane pairs by SXTAB16 while the window holds at most 256 values (no lane can overflow),
 * then the rounded integer mean per channel exactly as the reference (half away from zero).
 * Larger windows and the channels past the last group of four are summed one at a time. The
 * clamp needs an ordered range inside int8 (any valid quantization gives one); any other node
 * runs the reference variant.
 */
#include "arm_dsp/dsp.h"
#include "ops/pooling.h"

/* The channel sums of four channels from x: lanes (c0, c2) in *s02, (c1, c3) in *s13. */
static inline void window_sum4(const struct ztflm_pool_params *p, const int8_t *x,
			       const struct ztflm_pool_span *s, uint32_t *s02, uint32_t *s13)
{
	const uint32_t depth = (uint32_t)p->depth;
	const uint32_t row_stride = (uint32_t)p->input_w * depth;
	uint32_t a = 0;
	uint32_t b = 0;

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *px = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			const uint32_t v = ztflm_dsp_load4(px);

			a = ztflm_dsp_sxtab16(a, v);
			b = ztflm_dsp_sxtab16_ror8(b, v);
			px += depth;
		}
	}
	*s02 = a;
	*s13 = b;
}

static inline int8_t mean_of(const struct ztflm_pool_params *p, int32_t acc, int32_t count)
{
	return (int8_t)ztflm_clamp_i32(ztflm_pool_mean(acc, count), p->act.q.min, p->act.q.max);
}

static inline void position(const struct ztflm_pool_params *p, const int8_t *x,
			    const struct ztflm_pool_span *s, int8_t *out)
{
	const int32_t count = s->rows * s->cols;
	int32_t c = 0;

	for (; count <= 256 && c + 4 <= p->depth; c += 4) {
		uint32_t s02;
		uint32_t s13;

		window_sum4(p, x + c, s, &s02, &s13);
		out[c] = mean_of(p, ztflm_dsp_lo(s02), count);
		out[c + 1] = mean_of(p, ztflm_dsp_lo(s13), count);
		out[c + 2] = mean_of(p, ztflm_dsp_hi(s02), count);
		out[c + 3] = mean_of(p, ztflm_dsp_hi(s13), count);
	}
	for (; c < p->depth; c++) {
		out[c] = mean_of(p, ztflm_pool_sum_s8(p, x + c, s, 0), count);
	}
}

ZTFLM_POOL_EVAL(eval, int8_t, position)
ZTFLM_VARIANT(average_pool_2d_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, ztflm_pool_s8_range_ordered,
	      NULL);
