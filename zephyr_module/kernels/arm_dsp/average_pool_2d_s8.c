/*
 * AVERAGE_POOL_2D on int8 (Arm DSP extension): four channels a word, summed in two 16-bit
 * lane pairs by SXTAB16 while the window holds at most 256 values (no lane can overflow),
 * then the rounded integer mean per channel exactly as the reference (half away from zero).
 * Larger windows and the channels past the last group of four are summed one at a time.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "ops/pooling.h"

static int32_t window_sum(const struct ztflm_pool_params *p, const int8_t *x,
			  const struct ztflm_pool_span *s)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	int32_t acc = 0;

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			acc += row[(uint32_t)c * (uint32_t)p->depth];
		}
	}
	return acc;
}

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
	if (count == 0) {
		return (int8_t)ztflm_clamp_i32(0, p->act_min, p->act_max);
	}
	/* Round half away from zero, as TFLM. */
	const int32_t mean = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;

	return (int8_t)ztflm_clamp_i32(mean, p->act_min, p->act_max);
}

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);
				const int32_t count = s.rows * s.cols;
				int32_t c = 0;

				for (; count <= 256 && c + 4 <= p->depth; c += 4) {
					uint32_t s02;
					uint32_t s13;

					window_sum4(p, in + s.offset + c, &s, &s02, &s13);
					out[c] = mean_of(p, ztflm_dsp_lo(s02), count);
					out[c + 1] = mean_of(p, ztflm_dsp_lo(s13), count);
					out[c + 2] = mean_of(p, ztflm_dsp_hi(s02), count);
					out[c + 3] = mean_of(p, ztflm_dsp_hi(s13), count);
				}
				for (; c < p->depth; c++) {
					out[c] = mean_of(p, window_sum(p, in + s.offset + c, &s), count);
				}
				out += p->depth;
			}
		}
	}
}
