/* ADD and SUB, reference variants: one arithmetic per type family, each instantiated per type. */
#include "ops/add_sub.h"

static inline int32_t sub_q(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	int32_t sx;
	int32_t sy;

	ztflm_add_sub_scale(p, x, y, &sx, &sy);
	return ztflm_add_sub_out(p, sx - sy);
}

/* int32 wraps on overflow, as TFLM's int32 arithmetic does in practice. */
static inline int32_t add_i32(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	return ztflm_clamp_i32((int32_t)((uint32_t)x + (uint32_t)y), p->act.q.min, p->act.q.max);
}

static inline int32_t sub_i32(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	return ztflm_clamp_i32((int32_t)((uint32_t)x - (uint32_t)y), p->act.q.min, p->act.q.max);
}

static inline float add_f32(const struct ztflm_add_sub_params *p, float x, float y)
{
	return ztflm_clamp_f32(x + y, p->act.f.min, p->act.f.max);
}

static inline float sub_f32(const struct ztflm_add_sub_params *p, float x, float y)
{
	return ztflm_clamp_f32(x - y, p->act.f.min, p->act.f.max);
}

#define P struct ztflm_add_sub_params
ZTFLM_BINARY_VARIANT(add_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, ztflm_add_q);
ZTFLM_BINARY_VARIANT(add_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, ztflm_add_q);
ZTFLM_BINARY_VARIANT(add_s32_ref, P, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t, add_i32);
ZTFLM_BINARY_VARIANT(add_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, add_f32);
ZTFLM_BINARY_VARIANT(sub_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, sub_q);
ZTFLM_BINARY_VARIANT(sub_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, sub_q);
ZTFLM_BINARY_VARIANT(sub_s32_ref, P, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t, sub_i32);
ZTFLM_BINARY_VARIANT(sub_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, sub_f32);
