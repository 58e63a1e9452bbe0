/*
 * SOFTMAX on float32 (reference): expf in TFLM's order (with the oracle's, glibc's, bits on
 * every target), then division by the sum.
 */
#include <float.h>
#include <math.h>

#include "common/expf.h"
#include "ops/softmax.h"

void ztflm_softmax_f32(const struct ztflm_softmax_params *p, const float *in, float *out)
{
	for (int32_t i = 0; i < p->outer; i++) {
		const float *x = in + (uint32_t)i * (uint32_t)p->depth;
		float *y = out + (uint32_t)i * (uint32_t)p->depth;
		float max = -FLT_MAX;
		float sum = 0.0f;

		for (int32_t c = 0; c < p->depth; c++) {
			max = max < x[c] ? x[c] : max;
		}
		for (int32_t c = 0; c < p->depth; c++) {
			const float e = ztflm_expf((x[c] - max) * p->beta);

			y[c] = e;
			/*
			 * Once the sum is NaN it keeps its own payload, as TFLM's x86 build does;
			 * the compiler may otherwise pick either NaN operand of the addition.
			 */
			if (!isnan(sum)) {
				sum += e;
			}
		}
		for (int32_t c = 0; c < p->depth; c++) {
			y[c] = y[c] / sum;
		}
	}
}
