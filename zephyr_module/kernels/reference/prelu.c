/* PRELU, reference variants: one quantized arithmetic for int8 and int16 inputs, and float32. */
#include "common/quant.h"
#include "ops/prelu.h"

static inline int32_t prelu_q(const struct ztflm_prelu_params *p, int32_t x, int32_t alpha)
{
	const int32_t v = p->input_offset + x;
	int32_t scaled;

	if (v >= 0) {
		scaled = ztflm_mbqm(v, p->identity_multiplier, p->identity_shift);
	} else {
		scaled = ztflm_mbqm(v * (p->alpha_offset + alpha), p->alpha_multiplier,
				    p->alpha_shift);
	}
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	return ztflm_clamp_i32((int32_t)((uint32_t)scaled + (uint32_t)p->output_offset), p->min,
			       p->max);
}

static inline float prelu_f32(const struct ztflm_prelu_params *p, float x, float alpha)
{
	(void)p;
	return x >= 0.0f ? x : x * alpha;
}

#define P struct ztflm_prelu_params
ZTFLM_BINARY_VARIANT_MIXED(prelu_s8_ref, P, ZTFLM_INT8, int8_t, int8_t, ZTFLM_INT8, int8_t,
			   prelu_q);
ZTFLM_BINARY_VARIANT_MIXED(prelu_s16_ref, P, ZTFLM_INT16, int16_t, int8_t, ZTFLM_INT16, int16_t,
			   prelu_q);
ZTFLM_BINARY_VARIANT(prelu_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, prelu_f32);
