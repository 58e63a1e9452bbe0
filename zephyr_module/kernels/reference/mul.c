/* MUL, reference variants: one arithmetic per type family, each instantiated per type. */
#include "ops/mul.h"

/* int32 wraps on overflow, as TFLM's int32 arithmetic does in practice. */
static inline int32_t mul_i32(const struct ztflm_mul_params *p, int32_t x, int32_t y)
{
	return ztflm_clamp_i32((int32_t)((uint32_t)x * (uint32_t)y), p->act.q.min, p->act.q.max);
}

static inline float mul_f32(const struct ztflm_mul_params *p, float x, float y)
{
	return ztflm_clamp_f32(x * y, p->act.f.min, p->act.f.max);
}

#define P struct ztflm_mul_params
ZTFLM_BINARY_VARIANT(mul_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, ztflm_mul_q);
ZTFLM_BINARY_VARIANT(mul_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, ztflm_mul_q);
ZTFLM_BINARY_VARIANT(mul_s32_ref, P, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t, mul_i32);
ZTFLM_BINARY_VARIANT(mul_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, mul_f32);
