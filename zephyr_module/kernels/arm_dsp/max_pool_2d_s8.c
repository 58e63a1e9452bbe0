/*
 * MAX_POOL_2D on int8 (Arm DSP extension): four channels a word, the running maximum by
 * SSUB8 and SEL, clamped to the activation range the same way; the channels past the last
 * group of four one at a time.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "ops/pooling.h"

/* Four channels from c of one output position. */
static inline uint32_t window_max4(const struct ztflm_pool_params *p, const int8_t *x,
				   const struct ztflm_pool_span *s)
{
	const uint32_t depth = (uint32_t)p->depth;
	const uint32_t row_stride = (uint32_t)p->input_w * depth;
	uint32_t max = 0x80808080u;

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *px = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			max = ztflm_dsp_max_s8x4(max, ztflm_dsp_load4(px));
			px += depth;
		}
	}
	return max;
}

static int32_t window_max(const struct ztflm_pool_params *p, const int8_t *x,
			  const struct ztflm_pool_span *s)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	int32_t max = INT8_MIN;

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			const int32_t v = row[(uint32_t)c * (uint32_t)p->depth];

			max = v > max ? v : max;
		}
	}
	return max;
}

void ztflm_max_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	/* Four channels a word need an ordered activation range inside int8 (prepare's is). */
	const int32_t groups = p->act_min >= INT8_MIN && p->act_min <= p->act_max &&
			       p->act_max <= INT8_MAX;
	const uint32_t lo4 = 0x01010101u * (uint8_t)(int8_t)p->act_min;
	const uint32_t hi4 = 0x01010101u * (uint8_t)(int8_t)p->act_max;

	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);
				int32_t c = 0;

				for (; groups && c + 4 <= p->depth; c += 4) {
					const uint32_t m = window_max4(p, in + s.offset + c, &s);

					ztflm_dsp_store4(out + c, ztflm_dsp_min_s8x4(
						ztflm_dsp_max_s8x4(m, lo4), hi4));
				}
				for (; c < p->depth; c++) {
					const int32_t max = window_max(p, in + s.offset + c, &s);

					out[c] = (int8_t)ztflm_clamp_i32(max, p->act_min, p->act_max);
				}
				out += p->depth;
			}
		}
	}
}
