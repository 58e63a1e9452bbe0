/*
 * MAX_POOL_2D on int8 (Helium): sixteen channels per VMAX.S8 over the clipped window, the
 * activation range applied with VMAX/VMIN and the last channels stored under a tail
 * predicate. The lane-wise clamp needs an ordered range inside int8 (any valid quantization
 * gives one); any other node runs the reference variant. Plain C where the target has no MVE.
 */
#include "arm_mve/mve.h"
#include "ops/pooling.h"

/* Channels [c, c + n) of one output position, n <= 16. */
static void window_max(const struct ztflm_pool_params *p, const int8_t *x,
		       const struct ztflm_pool_span *s, uint32_t n, int8_t *out)
{
#if ZTFLM_MVE_NATIVE
	const uint32_t depth = (uint32_t)p->depth;
	const uint32_t row_stride = (uint32_t)p->input_w * depth;
	const mve_pred16_t pred = vctp8q(n);
	int8x16_t max = vdupq_n_s8(INT8_MIN);

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			max = vmaxq_s8(max, vldrbq_z_s8(row + (uint32_t)c * depth, pred));
		}
	}
	max = vminq_s8(vmaxq_s8(max, vdupq_n_s8((int8_t)p->act.q.min)),
		       vdupq_n_s8((int8_t)p->act.q.max));
	vstrbq_p_s8(out, max, pred);
#else
	for (uint32_t k = 0; k < n; k++) {
		const int32_t max = ztflm_pool_max_s8(p, x + k, s, INT8_MIN);

		out[k] = (int8_t)ztflm_clamp_i32(max, p->act.q.min, p->act.q.max);
	}
#endif
}

static inline void position(const struct ztflm_pool_params *p, const int8_t *x,
			    const struct ztflm_pool_span *s, int8_t *out)
{
	const uint32_t depth = (uint32_t)p->depth;

	for (uint32_t c = 0; c < depth; c += 16u) {
		window_max(p, x + c, s, depth - c < 16u ? depth - c : 16u, out + c);
	}
}

ZTFLM_POOL_EVAL(eval, int8_t, position)
ZTFLM_VARIANT(max_pool_2d_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, ztflm_pool_s8_range_ordered,
	      NULL);
