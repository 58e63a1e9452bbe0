/* FULLY_CONNECTED of float32 tensors (reference; same summation order as TFLM). */
#include "common/quant.h"
#include "ops/fully_connected.h"

static void compute(const struct ztflm_fc_params *p, const float *in, const float *filter,
		    const float *bias, float *out)
{
	const int32_t depth = p->accum_depth;
	const int32_t units = p->output_depth;

	for (int32_t b = 0; b < p->batches; b++) {
		const float *x = in + (uint32_t)b * (uint32_t)depth;

		for (int32_t u = 0; u < units; u++) {
			const float *w = filter + (uint32_t)u * (uint32_t)depth;
			float total = 0.0f;

			for (int32_t d = 0; d < depth; d++) {
				total += x[d] * w[d];
			}
			const float bias_value = bias != NULL ? bias[u] : 0.0f;

			*out++ = ztflm_clamp_f32(total + bias_value, p->act.f.min, p->act.f.max);
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	compute(params, ztflm_input_data(ctx, 0), ztflm_input_data(ctx, 1), ztflm_conv_bias(ctx),
		ztflm_output_data(ctx, 0));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(fully_connected_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
