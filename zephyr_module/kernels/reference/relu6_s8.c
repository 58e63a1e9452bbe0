/* RELU6 of int8 tensors (reference). */
#include "ops/relu.h"

void ztflm_relu6_s8(const struct ztflm_relu6_params *p, const int8_t *in, int8_t *out,
		    uint32_t count)
{
	const int8_t lower = (int8_t)p->lower;
	const int8_t upper = (int8_t)p->upper;

	for (uint32_t i = 0; i < count; i++) {
		const int8_t x = in[i];

		/* TFLM's order: the upper bound wins should the bounds cross. */
		out[i] = x > upper ? upper : (x < lower ? lower : x);
	}
}
