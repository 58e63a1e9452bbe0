/* FULLY_CONNECTED of float32 tensors (reference; same summation order as TFLM). */
#include "common/quant.h"
#include "ops/fully_connected.h"

uint32_t ztflm_fully_connected_f32_scratch_bytes(const struct ztflm_fc_params *p)
{
	(void)p;
	return 0;
}

void ztflm_fully_connected_f32(const struct ztflm_fc_params *p, const float *in,
			       const float *filter, const float *bias, float *out, void *scratch)
{
	const int32_t depth = p->accum_depth;
	const int32_t units = p->output_depth;

	(void)scratch;
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
