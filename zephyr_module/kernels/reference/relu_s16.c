/* RELU of int16 tensors (reference). */
#include "common/quant.h"
#include "ops/relu.h"

void ztflm_relu_s16(const struct ztflm_relu_params *p, const int16_t *in, int16_t *out,
		    uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		const int32_t centered = (int32_t)in[i] - p->input_zero_point;
		const int32_t scaled = ztflm_mbqm(centered, p->multiplier, p->shift);
		/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
		const int32_t q = (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);

		out[i] = (int16_t)ztflm_clamp_i32(q, p->act_min, p->act_max);
	}
}
