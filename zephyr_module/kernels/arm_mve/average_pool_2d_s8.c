/*
 * AVERAGE_POOL_2D on int8 (Helium): the clipped window summed four channels at a time
 * (widening VLDRB.S32 and VADD), then the rounded integer mean per channel exactly as the
 * reference (half away from zero), clamped and stored four at a time. The clamp needs an
 * ordered range inside int8 (any valid quantization gives one); any other node runs the
 * reference variant.
 */
#include "arm_mve/mve.h"
#include "ops/pooling.h"

static ztflm_v4 window_sum(const struct ztflm_pool_params *p, const int8_t *x,
			   const struct ztflm_pool_span *s, uint32_t n)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	ztflm_v4 acc = ztflm_v4_dup(0);

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			acc = ztflm_v4_add(acc, ztflm_v4_load_s8(row + (uint32_t)c * (uint32_t)p->depth,
								 n));
		}
	}
	return acc;
}

static inline void position(const struct ztflm_pool_params *p, const int8_t *x,
			    const struct ztflm_pool_span *s, int8_t *out)
{
	const uint32_t depth = (uint32_t)p->depth;
	const int32_t count = s->rows * s->cols;

	for (uint32_t c = 0; c < depth; c += 4u) {
		const uint32_t n = depth - c < 4u ? depth - c : 4u;
		int32_t sum[4];

		ztflm_v4_store(sum, window_sum(p, x + c, s, n), n);
		for (uint32_t k = 0; k < n; k++) {
			out[c + k] = (int8_t)ztflm_clamp_i32(ztflm_pool_mean(sum[k], count),
							     p->act.q.min, p->act.q.max);
		}
	}
}

ZTFLM_POOL_EVAL(eval, int8_t, position)
ZTFLM_VARIANT(average_pool_2d_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, ztflm_pool_s8_range_ordered,
	      NULL);
