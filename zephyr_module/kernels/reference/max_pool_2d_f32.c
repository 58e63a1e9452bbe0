/* MAX_POOL_2D on float32 (reference): std::max semantics, starting from the lowest float. */
#include <float.h>

#include "common/quant.h"
#include "ops/pooling.h"

static float window_max(const struct ztflm_pool_params *p, const float *x,
			const struct ztflm_pool_span *s)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	float max = -FLT_MAX;

	for (int32_t r = 0; r < s->rows; r++) {
		const float *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			const float v = row[(uint32_t)c * (uint32_t)p->depth];

			/* std::max(max, v) takes v only when max < v: NaNs never win. */
			max = max < v ? v : max;
		}
	}
	return max;
}

void ztflm_max_pool_2d_f32(const struct ztflm_pool_params *p, const float *in, float *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (int32_t c = 0; c < p->depth; c++) {
					const float max = window_max(p, in + s.offset + c, &s);

					*out++ = ztflm_clamp_f32(max, p->act_min_f, p->act_max_f);
				}
			}
		}
	}
}
