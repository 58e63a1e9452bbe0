/*
 * MAX_POOL_2D on int8 (Helium): sixteen channels per VMAX.S8 over the clipped window, the
 * activation range applied with VMAX/VMIN and the last channels stored under a tail
 * predicate. Plain C where the target has no MVE.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "ops/pooling.h"

/* Channels [c, c + n) of one output position, n <= 16. */
static void window_max(const struct ztflm_pool_params *p, const int8_t *x,
		       const struct ztflm_pool_span *s, uint32_t n, int8_t *out)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	const uint32_t depth = (uint32_t)p->depth;
#if ZTFLM_MVE_NATIVE
	const mve_pred16_t pred = vctp8q(n);
	int8x16_t max = vdupq_n_s8(INT8_MIN);

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			max = vmaxq_s8(max, vldrbq_z_s8(row + (uint32_t)c * depth, pred));
		}
	}
	/* The caller checked that the activation range is an ordered int8 range. */
	max = vminq_s8(vmaxq_s8(max, vdupq_n_s8((int8_t)p->act_min)),
		       vdupq_n_s8((int8_t)p->act_max));
	vstrbq_p_s8(out, max, pred);
#else
	for (uint32_t k = 0; k < n; k++) {
		int32_t max = INT8_MIN;

		for (int32_t r = 0; r < s->rows; r++) {
			const int8_t *row = x + (uint32_t)r * row_stride + k;

			for (int32_t c = 0; c < s->cols; c++) {
				const int32_t v = row[(uint32_t)c * depth];

				max = v > max ? v : max;
			}
		}
		out[k] = (int8_t)ztflm_clamp_i32(max, p->act_min, p->act_max);
	}
#endif
}

static void max_pool_scalar(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;

	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (int32_t c = 0; c < p->depth; c++) {
					int32_t max = INT8_MIN;

					for (int32_t r = 0; r < s.rows; r++) {
						const int8_t *row =
							in + s.offset + (uint32_t)c + (uint32_t)r * row_stride;

						for (int32_t k = 0; k < s.cols; k++) {
							const int32_t v = row[(uint32_t)k * (uint32_t)p->depth];

							max = v > max ? v : max;
						}
					}
					*out++ = (int8_t)ztflm_clamp_i32(max, p->act_min, p->act_max);
				}
			}
		}
	}
}

void ztflm_max_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	/* The vector clamp in int8 is the reference's only for an ordered range within int8. */
	if (p->act_min < INT8_MIN || p->act_min > p->act_max || p->act_max > INT8_MAX) {
		max_pool_scalar(p, in, out);
		return;
	}
	const uint32_t depth = (uint32_t)p->depth;

	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (uint32_t c = 0; c < depth; c += 16u) {
					const uint32_t n = depth - c < 16u ? depth - c : 16u;

					window_max(p, in + s.offset + c, &s, n, out + c);
				}
				out += depth;
			}
		}
	}
}
