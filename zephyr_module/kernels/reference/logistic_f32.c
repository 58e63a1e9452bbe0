/*
 * LOGISTIC on float32 (reference): TFLM's cut-offs, then 1 / (1 + expf(-x)), with expf
 * giving the oracle's (glibc's) bits on every target.
 */
#include "common/expf.h"
#include "ops/logistic.h"

void ztflm_logistic_f32(const struct ztflm_q4_params *p, const float *in, float *out)
{
	const float cutoff_upper = 16.619047164916992188f;
	const float cutoff_lower = -9.0f;

	for (uint32_t i = 0; i < p->count; i++) {
		const float x = in[i];

		if (x > cutoff_upper) {
			out[i] = 1.0f;
		} else if (x < cutoff_lower) {
			out[i] = ztflm_expf(x);
		} else {
			out[i] = 1.0f / (1.0f + ztflm_expf(-x));
		}
	}
}
