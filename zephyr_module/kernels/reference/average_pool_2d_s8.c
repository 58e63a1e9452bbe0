/* AVERAGE_POOL_2D on int8 (reference): rounded integer mean over the clamped window. */
#include "common/quant.h"
#include "ops/pooling.h"

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out)
{
	const int32_t depth = p->depth;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * (uint32_t)(p->input_h * p->input_w * depth);

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			int32_t y0;
			int32_t ys;
			int32_t ye;

			ztflm_pool_window(oy, p->stride_h, p->pad_h, p->filter_h, p->input_h, &y0, &ys,
					  &ye);
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				int32_t x0;
				int32_t xs;
				int32_t xe;

				ztflm_pool_window(ox, p->stride_w, p->pad_w, p->filter_w,
						  p->input_w, &x0, &xs, &xe);
				const int32_t count = (ye - ys) * (xe - xs);

				for (int32_t c = 0; c < depth; c++) {
					int32_t acc = 0;

					for (int32_t fy = ys; fy < ye; fy++) {
						const int8_t *row =
							in_b + ((y0 + fy) * p->input_w + x0) * depth +
							c;

						for (int32_t fx = xs; fx < xe; fx++) {
							acc += row[fx * depth];
						}
					}
					/* Round half away from zero, as TFLM. */
					acc = acc > 0 ? (acc + count / 2) / count
						      : (acc - count / 2) / count;
					*out++ = (int8_t)ztflm_clamp_i32(acc, p->act_min,
									 p->act_max);
				}
			}
		}
	}
}
