/* AVERAGE_POOL_2D on float32 (reference): window sum in TFLM's order, divided by the count. */
#include "common/quant.h"
#include "ops/pooling.h"

void ztflm_average_pool_2d_f32(const struct ztflm_pool_params *p, const float *in, float *out)
{
	const int32_t depth = p->depth;

	for (int32_t b = 0; b < p->batches; b++) {
		const float *in_b = in + (uint32_t)b * (uint32_t)(p->input_h * p->input_w * depth);

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
				const float count = (float)((ye - ys) * (xe - xs));

				for (int32_t c = 0; c < depth; c++) {
					float total = 0.0f;

					for (int32_t fy = ys; fy < ye; fy++) {
						const float *row =
							in_b + ((y0 + fy) * p->input_w + x0) * depth +
							c;

						for (int32_t fx = xs; fx < xe; fx++) {
							total += row[fx * depth];
						}
					}
					*out++ = ztflm_clamp_f32(total / count, p->act_min_f,
								 p->act_max_f);
				}
			}
		}
	}
}
