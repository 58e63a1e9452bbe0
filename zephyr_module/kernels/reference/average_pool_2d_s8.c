/* AVERAGE_POOL_2D on int8 (reference): rounded integer mean over the clipped window. */
#include "common/quant.h"
#include "ops/pooling.h"

static int32_t window_mean(const struct ztflm_pool_params *p, const int8_t *x,
			   const struct ztflm_pool_span *s)
{
	const uint32_t row_stride = (uint32_t)p->input_w * (uint32_t)p->depth;
	const int32_t count = s->rows * s->cols;
	int32_t acc = 0;

	for (int32_t r = 0; r < s->rows; r++) {
		const int8_t *row = x + (uint32_t)r * row_stride;

		for (int32_t c = 0; c < s->cols; c++) {
			acc += row[(uint32_t)c * (uint32_t)p->depth];
		}
	}
	if (count == 0) {
		return 0; /* prepare's window sizes rule this out */
	}
	/* Round half away from zero, as TFLM. */
	return acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count;
}

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	for (int32_t b = 0; b < p->batches; b++) {
		for (int32_t oy = 0; oy < p->output_h; oy++) {
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const struct ztflm_pool_span s = ztflm_pool_span(p, b, oy, ox);

				for (int32_t c = 0; c < p->depth; c++) {
					const int32_t mean = window_mean(p, in + s.offset + c, &s);

					const int32_t y = ztflm_clamp_i32(mean, p->act_min, p->act_max);

					*out++ = (int8_t)y;
				}
			}
		}
	}
}
