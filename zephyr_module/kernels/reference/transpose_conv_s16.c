/*
 * TRANSPOSE_CONV 16x8: int16 tensors, int8 weights, an int64 bias or an int16 one widened, the
 * sums exact in int64 as in TFLM's scratch, gathered per output instead (reference).
 */
#include "common/quant.h"
#include "ops/transpose_conv.h"

/* The terms of output (oy, ox) of channel oc: rows y0..y1 and columns x0..x1 of the input. */
static int64_t gather(const struct ztflm_transpose_conv_params *p, const int16_t *in_b,
		      const int8_t *f_oc, int32_t oy, int32_t ox, int32_t y0, int32_t y1,
		      int32_t x0, int32_t x1)
{
	const uint32_t c = (uint32_t)p->input_c;
	int64_t acc = 0;

	for (int32_t iy = y0; iy <= y1; iy++) {
		const int32_t fy = oy + p->pad_h - iy * p->stride_h;

		for (int32_t ix = x0; ix <= x1; ix++) {
			const int32_t fx = ox + p->pad_w - ix * p->stride_w;
			const int16_t *px = in_b + ((uint32_t)iy * (uint32_t)p->input_w + (uint32_t)ix) * c;
			const int8_t *pf = f_oc + ((uint32_t)fy * (uint32_t)p->filter_w + (uint32_t)fx) * c;

			for (uint32_t k = 0; k < c; k++) {
				acc += (int32_t)pf[k] * px[k];
			}
		}
	}
	return acc;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_transpose_conv_params *p = params;
	const int32_t *mult = ztflm_conv_multipliers(p, sizeof(*p));
	const int32_t *shift = mult + (p->per_channel ? p->output_c : 1);
	const int16_t *in = ztflm_input_data(ctx, 2);
	const int8_t *filter = ztflm_input_data(ctx, 1);
	const void *bias = ztflm_transpose_conv_bias(ctx);
	int16_t *out = ztflm_output_data(ctx, 0);
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t f_size = (uint32_t)p->filter_h * (uint32_t)p->filter_w * (uint32_t)p->input_c;

	for (int32_t b = 0; b < p->batches; b++) {
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
					int64_t sum = gather(p, in + (uint32_t)b * image,
							     filter + (uint32_t)oc * f_size, oy, ox, y0,
							     y1, x0, x1);
					const void *b64 = bias;

					if (bias != NULL && p->bias16) {
						sum += ((const int16_t *)bias)[oc];
						b64 = NULL;
					}
					const int32_t ch = p->per_channel ? oc : 0;
					const int32_t v = ztflm_conv_scale_s16(sum, b64, (uint32_t)oc, 0,
									       mult[ch], shift[ch]);

					*out++ = (int16_t)ztflm_clamp_i32(v, p->act.q.min, p->act.q.max);
				}
			}
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(transpose_conv_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
