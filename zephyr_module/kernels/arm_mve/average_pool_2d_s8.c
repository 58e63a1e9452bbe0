/*
 * AVERAGE_POOL_2D on int8 (Helium): the clipped window summed four channels at a time
 * (widening VLDRB.S32 and VADD), then the rounded integer mean per channel exactly as the
 * reference (half away from zero), clamped and stored four at a time.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
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

static inline int32_t mean(int32_t acc, int32_t count)
{
	if (count == 0) {
		return 0; /* prepare's window sizes rule this out */
	}
	/* Round half away from zero, as TFLM. */
	return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	const uint32_t depth = (uint32_t)p->depth;

	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);
				const int32_t count = s.rows * s.cols;

				for (uint32_t c = 0; c < depth; c += 4u) {
					const uint32_t n = depth - c < 4u ? depth - c : 4u;
					int32_t sum[4];

					ztflm_v4_store(sum, window_sum(p, in + s.offset + c, &s, n), n);
					for (uint32_t k = 0; k < n; k++) {
						out[c + k] = (int8_t)ztflm_clamp_i32(
							mean(sum[k], count), p->act_min, p->act_max);
					}
				}
				out += depth;
			}
		}
	}
}
