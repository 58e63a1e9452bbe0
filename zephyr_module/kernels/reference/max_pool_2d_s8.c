/* MAX_POOL_2D on int8 (reference). */
#include "common/quant.h"
#include "ops/pooling.h"

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
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (int32_t c = 0; c < p->depth; c++) {
					const int32_t max = window_max(p, in + s.offset + c, &s);

					const int32_t y = ztflm_clamp_i32(max, p->act_min, p->act_max);

					*out++ = (int8_t)y;
				}
			}
		}
	}
}
