/* TANH on float32 (reference): tanhf, as TFLM's std::tanh on float. */
#include <math.h>

#include "ops/tanh.h"

void ztflm_tanh_f32(const struct ztflm_q4_params *p, const float *in, float *out)
{
	for (uint32_t i = 0; i < p->count; i++) {
		out[i] = tanhf(in[i]);
	}
}
