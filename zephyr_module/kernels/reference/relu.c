/* RELU and RELU6, reference variants: one arithmetic per type family, instantiated per type. */
#include "common/quant.h"
#include "ops/relu.h"

static inline int32_t relu_q(const struct ztflm_relu_params *p, int32_t x)
{
	const int32_t scaled = ztflm_mbqm(x - p->input_zero_point, p->multiplier, p->shift);
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t q = (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);

	return ztflm_clamp_i32(q, p->act_min, p->act_max);
}

static inline float relu_f32(const struct ztflm_relu_params *p, float x)
{
	(void)p;
	/* NaN and -0.0 pass through, as in TFLM. */
	return x < 0.0f ? 0.0f : x;
}

static inline int32_t relu6_q(const struct ztflm_relu6_params *p, int32_t x)
{
	/* TFLM's order: the upper bound wins should the bounds cross. */
	return x > p->upper ? p->upper : (x < p->lower ? p->lower : x);
}

static inline float relu6_f32(const struct ztflm_relu6_params *p, float x)
{
	(void)p;
	/* NaN and -0.0 pass through, as in TFLM. */
	return x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x);
}

#define P struct ztflm_relu_params
ZTFLM_UNARY_VARIANT(relu_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, relu_q);
ZTFLM_UNARY_VARIANT(relu_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, relu_q);
ZTFLM_UNARY_VARIANT(relu_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, relu_f32);
#undef P
#define P struct ztflm_relu6_params
ZTFLM_UNARY_VARIANT(relu6_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, relu6_q);
ZTFLM_UNARY_VARIANT(relu6_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, relu6_q);
ZTFLM_UNARY_VARIANT(relu6_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, relu6_f32);
