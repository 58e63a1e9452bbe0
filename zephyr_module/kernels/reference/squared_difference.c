/* SQUARED_DIFFERENCE, reference variants: one quantized arithmetic, int32 and float32. */
#include "common/floatbits.h"
#include "ops/squared_difference.h"

#define P struct ztflm_squared_difference_params

static inline int32_t squared_difference_q(const P *p, int32_t x, int32_t y)
{
	const int32_t a = ztflm_mbqm_smaller_than_one((p->input1_offset + x) * (1 << p->left_shift),
						      p->input1_multiplier, p->input1_shift);
	const int32_t b = ztflm_mbqm_smaller_than_one((p->input2_offset + y) * (1 << p->left_shift),
						      p->input2_multiplier, p->input2_shift);
	const int32_t d = a - b;
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t raw = (int32_t)((uint32_t)ztflm_mbqm(d * d, p->output_multiplier,
							   p->output_shift) +
				      (uint32_t)p->output_offset);

	return ztflm_clamp_i32(raw, p->min, p->max);
}

/* int32 wraps on overflow, as TFLM's int32 arithmetic does in practice. */
static inline int32_t squared_difference_i32(const struct ztflm_bcast *p, int32_t x, int32_t y)
{
	const uint32_t d = (uint32_t)x - (uint32_t)y;

	(void)p;
	return (int32_t)(d * d);
}

static inline float squared_difference_f32(const struct ztflm_bcast *p, float x, float y)
{
	const float d = x - y;

	(void)p;
	return ztflm_x86_nan2(x, y, d * d);
}

ZTFLM_BINARY_VARIANT(squared_difference_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t,
		     squared_difference_q);
ZTFLM_BINARY_VARIANT(squared_difference_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t,
		     squared_difference_q);
ZTFLM_BINARY_PLAIN_VARIANT(squared_difference_s32_ref, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t,
			   squared_difference_i32);
ZTFLM_BINARY_PLAIN_VARIANT(squared_difference_f32_ref, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
			   squared_difference_f32);
