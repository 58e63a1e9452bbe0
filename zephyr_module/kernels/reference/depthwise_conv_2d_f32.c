/* DEPTHWISE_CONV_2D of float32 tensors (reference; same summation order as TFLM). */
#include "common/quant.h"
#include "ops/depthwise_conv_2d.h"

/* The window at (y0, x0) of one input channel (in_c) and filter channel (flt), row by row. */
static inline float window_sum(const struct ztflm_dw_conv_params *p, const float *in_c,
			       const float *flt, int32_t y0, int32_t x0)
{
	const uint32_t depth = (uint32_t)p->input_c;
	const uint32_t f_depth = (uint32_t)p->output_c;
	float total = 0.0f;

	for (int32_t fy = 0; fy < p->filter_h; fy++) {
		const int32_t y = y0 + p->dilation_h * fy;

		if (y < 0 || y >= p->input_h) {
			continue;
		}
		const float *row = in_c + (uint32_t)y * (uint32_t)p->input_w * depth;
		const float *frow = flt + (uint32_t)fy * (uint32_t)p->filter_w * f_depth;

		for (int32_t fx = 0; fx < p->filter_w; fx++) {
			const int32_t x = x0 + p->dilation_w * fx;

			if (x < 0 || x >= p->input_w) {
				continue;
			}
			total += row[(uint32_t)x * depth] * frow[(uint32_t)fx * f_depth];
		}
	}
	return total;
}

static void compute(const struct ztflm_dw_conv_params *p, const float *in, const float *filter,
		    const float *bias, float *out)
{
	const uint32_t image = (uint32_t)p->input_h * (uint32_t)p->input_w * (uint32_t)p->input_c;
	const int32_t dm = p->depth_multiplier;

	for (int32_t b = 0; b < p->batches; b++) {
		const float *in_b = in + (uint32_t)b * image;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			const int32_t y0 = oy * p->stride_h - p->pad_h;

			for (int32_t ox = 0; ox < p->output_w; ox++) {
				const int32_t x0 = ox * p->stride_w - p->pad_w;

				for (int32_t oc = 0; oc < p->output_c; oc++) {
					/* oc = m + ic * dm, in TFLM's (ic, m) loop order */
					const float total =
						window_sum(p, in_b + oc / dm, filter + oc, y0, x0);
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

ZTFLM_VARIANT(depthwise_conv_2d_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
