/* CONV_2D of float32 tensors (reference; same summation order as TFLM). */
#include "common/quant.h"
#include "ops/conv_2d.h"

/* The window at (y0, x0), summed row by row, column by column, channel by channel. */
static inline float window_sum(const struct ztflm_conv_params *p, const float *in_g,
			       const float *flt, int32_t y0, int32_t x0)
{
	const uint32_t row = (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t f_w = (uint32_t)p->filter_w;
	const uint32_t f_depth = (uint32_t)p->filter_c;
	const int32_t f_c = p->filter_c;
	float total = 0.0f;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x < 0 || x >= p->input_w) {
				continue;
			}
			const float *px = in_g + (uint32_t)y * row + (uint32_t)x * depth;
			const float *pf = flt + ((uint32_t)fy * f_w + (uint32_t)fx) * f_depth;

			for (int32_t ic = 0; ic < f_c; ic++) {
				total += px[ic] * pf[ic];
			}
		}
	}
	return total;
}

static void compute(const struct ztflm_conv_params *p, const float *in, const float *filter,
		    const float *bias, float *out)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const uint32_t f_size = (uint32_t)p->filter_h * (uint32_t)p->filter_w *
				     (uint32_t)p->filter_c;
	const int32_t f_c = p->filter_c;
	const int32_t per_group = p->output_c / (p->input_c / p->filter_c);

	for (int32_t b = 0; b < p->batches; b++) {
		const float *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				for (int32_t oc = 0; oc < p->output_c; oc++) {
					const float *in_g = in_b + (oc / per_group) * f_c;
					const float total = window_sum(
						p, in_g, filter + (uint32_t)oc * f_size, y0, x0);
					const float bias_value = bias != NULL ? bias[oc] : 0.0f;

					*out++ = ztflm_clamp_f32(total + bias_value, p->act.f.min,
								 p->act.f.max);
				}
			}
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	compute(params, ztflm_input_data(ctx, 0), ztflm_input_data(ctx, 1), ztflm_conv_bias(ctx),
		ztflm_output_data(ctx, 0));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(conv_2d_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
