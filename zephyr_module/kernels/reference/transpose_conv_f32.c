/* TRANSPOSE_CONV of float32 tensors (reference; each sum in TFLM's order). */
#include "common/quant.h"
#include "ops/transpose_conv.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_transpose_conv_params *p = params;
	const float *in = ztflm_input_data(ctx, 2);
	const float *filter = ztflm_input_data(ctx, 1);
	const float *bias = ztflm_transpose_conv_bias(ctx);
	float *out = ztflm_output_data(ctx, 0);
	const uint32_t c = (uint32_t)p->input_c;

	for (int32_t b = 0; b < p->batches; b++) {
		const float *in_b = in + (uint32_t)b * (uint32_t)p->input_h * p->input_w * c;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			int32_t y0;
			int32_t y1;

			ztflm_transpose_conv_rows(oy, p->pad_h, p->stride_h, p->filter_h, p->input_h,
						  &y0, &y1);
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				int32_t x0;
				int32_t x1;

				ztflm_transpose_conv_rows(ox, p->pad_w, p->stride_w, p->filter_w,
							  p->input_w, &x0, &x1);
				for (int32_t oc = 0; oc < p->output_c; oc++) {
					const float *f_oc =
						filter + (uint32_t)oc * p->filter_h * p->filter_w * c;
					/* TFLM adds each term to the output, zeroed first. */
					float acc = 0.0f;

					for (int32_t iy = y0; iy <= y1; iy++) {
						const int32_t fy = oy + p->pad_h - iy * p->stride_h;

						for (int32_t ix = x0; ix <= x1; ix++) {
							const int32_t fx =
								ox + p->pad_w - ix * p->stride_w;
							const float *px =
								in_b + ((uint32_t)iy * p->input_w + ix) * c;
							const float *pf =
								f_oc + ((uint32_t)fy * p->filter_w + fx) * c;

							for (uint32_t k = 0; k < c; k++) {
								acc += px[k] * pf[k];
							}
						}
					}
					if (bias != NULL) {
						acc += bias[oc];
					}
					*out++ = ztflm_clamp_f32(acc, p->act.f.min, p->act.f.max);
				}
			}
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(transpose_conv_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
