/*
 * MAX_POOL_2D on int8 (Arm DSP extension): four channels a word, the running maximum by
 * SSUB8 and SEL, clamped to the activation range the same way; the channels past the last
 * group of four one at a time. The lane-wise clamp needs an ordered range inside int8
 * (any valid quantization gives one); any other node runs the reference variant.
 */
#include "arm_dsp/dsp.h"
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

static inline void position(const struct ztflm_pool_params *p, const int8_t *x,
			    const struct ztflm_pool_span *s, int8_t *out)
{
	const uint32_t lo4 = 0x01010101u * (uint8_t)(int8_t)p->act.q.min;
	const uint32_t hi4 = 0x01010101u * (uint8_t)(int8_t)p->act.q.max;
	int32_t c = 0;

	for (; c + 4 <= p->depth; c += 4) {
		const uint32_t m = window_max4(p, x + c, s);

		ztflm_dsp_store4(out + c, ztflm_dsp_min_s8x4(ztflm_dsp_max_s8x4(m, lo4), hi4));
	}
	for (; c < p->depth; c++) {
		const int32_t max = ztflm_pool_max_s8(p, x + c, s, INT8_MIN);

		out[c] = (int8_t)ztflm_clamp_i32(max, p->act.q.min, p->act.q.max);
	}
}

ZTFLM_POOL_EVAL(eval, int8_t, position)
ZTFLM_VARIANT(max_pool_2d_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, ztflm_pool_s8_range_ordered,
	      NULL);
