/* AVERAGE_POOL_2D on float32 (reference): window sum in TFLM's order, divided by the count. */
#include <math.h>

#include "common/quant.h"
#include "ops/pooling.h"

static float window_mean(const struct ztflm_pool_params *p, const float *x,
			 const struct ztflm_pool_span *s)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	float total = 0.0f;

	for (int32_t r = 0; r < s->rows; r++) {
		const float *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			/*
			 * A NaN sum keeps its own payload, as TFLM's x86 build does; the
			 * compiler may otherwise pick either NaN operand of the addition.
			 */
			if (!isnan(total)) {
				total += row[(uint32_t)c * (uint32_t)p->depth];
			}
		}
	}
	return total / (float)(s->rows * s->cols);
}

void ztflm_average_pool_2d_f32(const struct ztflm_pool_params *p, const float *in, float *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (int32_t c = 0; c < p->depth; c++) {
					const float mean = window_mean(p, in + s.offset + c, &s);

					*out++ = ztflm_clamp_f32(mean, p->act_min_f, p->act_max_f);
				}
			}
		}
	}
}
