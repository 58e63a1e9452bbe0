/* LEAKY_RELU, reference variants: one quantized arithmetic for int8 and int16, and float32. */
#include "common/quant.h"
#include "ops/leaky_relu.h"

static inline int32_t leaky_relu_q(const struct ztflm_leaky_relu_params *p, int32_t x)
{
	const int32_t v = x - p->input_zero_point;
	int32_t scaled;

	if (v >= 0) {
		scaled = ztflm_mbqm(v, p->identity_multiplier, p->identity_shift);
	} else {
		scaled = ztflm_mbqm(v, p->alpha_multiplier, p->alpha_shift);
		/* Wrapping: the one product whose negation overflows needs a shift past 30. */
		scaled = p->alpha_negative ? (int32_t)(0u - (uint32_t)scaled) : scaled;
	}
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t q = (int32_t)((uint32_t)p->output_zero_point + (uint32_t)scaled);

	return ztflm_clamp_i32(q, p->min, p->max);
}

static inline float leaky_relu_f32(const struct ztflm_leaky_relu_params *p, float x)
{
	return x > 0.0f ? x : x * p->alpha;
}

#define P struct ztflm_leaky_relu_params
ZTFLM_UNARY_VARIANT(leaky_relu_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, leaky_relu_q);
ZTFLM_UNARY_VARIANT(leaky_relu_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t,
		    leaky_relu_q);
ZTFLM_UNARY_VARIANT(leaky_relu_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
		    leaky_relu_f32);
