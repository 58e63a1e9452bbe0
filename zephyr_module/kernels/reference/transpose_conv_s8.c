/* TRANSPOSE_CONV of int8 tensors with int8 weights, per-channel or per-tensor (reference). */
#include "common/quant.h"
#include "ops/transpose_conv.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_transpose_conv_params *p = params;
	const int32_t *mult = ztflm_conv_multipliers(p, sizeof(*p));
	const int32_t *shift = mult + (p->per_channel ? p->output_c : 1);
	const int8_t *in = ztflm_input_data(ctx, 2);
	const int8_t *filter = ztflm_input_data(ctx, 1);
	const int32_t *bias = ztflm_transpose_conv_bias(ctx);
	int8_t *out = ztflm_output_data(ctx, 0);
	const uint32_t c = (uint32_t)p->input_c;
	const int32_t step = p->per_channel ? 1 : 0;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *in_b = in + (uint32_t)b * (uint32_t)p->input_h * p->input_w * c;

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
					const int8_t *f_oc =
						filter + (uint32_t)oc * p->filter_h * p->filter_w * c;
					/* Modulo 2^32 like TFLM's int32 sums (not checked there). */
					uint32_t acc = 0;
					uint32_t w_sum = 0;

					for (int32_t iy = y0; iy <= y1; iy++) {
						const int32_t fy = oy + p->pad_h - iy * p->stride_h;

						for (int32_t ix = x0; ix <= x1; ix++) {
							const int32_t fx =
								ox + p->pad_w - ix * p->stride_w;
							const int8_t *px =
								in_b + ((uint32_t)iy * p->input_w + ix) * c;
							const int8_t *pf =
								f_oc + ((uint32_t)fy * p->filter_w + fx) * c;

							/* sum(w * (x + io)) = sum(w * x) + io * sum(w) */
							for (uint32_t k = 0; k < c; k++) {
								acc += (uint32_t)((int32_t)pf[k] * px[k]);
								w_sum += (uint32_t)(int32_t)pf[k];
							}
						}
					}
					acc += w_sum * (uint32_t)p->input_offset;
					if (bias != NULL) {
						acc += (uint32_t)bias[oc];
					}
					const int32_t ch = oc * step;
					const int32_t scaled = ztflm_mbqm((int32_t)acc, mult[ch], shift[ch]);
					const int32_t res = (int32_t)((uint32_t)scaled +
								      (uint32_t)p->output_offset);

					*out++ = (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
				}
			}
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(transpose_conv_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
