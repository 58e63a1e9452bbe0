/* RELU6 of float32 tensors (reference). */
#include "ops/relu.h"

void ztflm_relu6_f32(const float *in, float *out, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		const float x = in[i];

		/* NaN and -0.0 pass through, as in TFLM. */
		out[i] = x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x);
	}
}
