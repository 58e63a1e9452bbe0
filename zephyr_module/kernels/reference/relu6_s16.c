/* RELU6 of int16 tensors (reference). */
#include "ops/relu.h"

void ztflm_relu6_s16(const struct ztflm_relu6_params *p, const int16_t *in, int16_t *out,
		     uint32_t count)
{
	const int16_t lower = (int16_t)p->lower;
	const int16_t upper = (int16_t)p->upper;

	for (uint32_t i = 0; i < count; i++) {
		const int16_t x = in[i];

		/* TFLM's order: the upper bound wins should the bounds cross. */
		out[i] = x > upper ? upper : (x < lower ? lower : x);
	}
}
