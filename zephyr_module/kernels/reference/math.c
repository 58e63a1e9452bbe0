/* The float32 math operators' reference variants: one element function each. */
#include "common/expf.h"
#include "common/floatbits.h"
#include "common/logf.h"
#include "common/mathf.h"
#include "ops/math.h"

#define P struct ztflm_unary

/* x86 quiets a NaN operand and keeps its sign and payload; soft-float cores may not. */
#define is_nan ztflm_f32_is_nan

static inline float neg_f32(const P *p, float x)
{
	(void)p;
	/* A sign flip on every core, a signalling NaN left signalling (x86's xorps). */
	return ztflm_bits_f32(ztflm_f32_bits(x) ^ 0x80000000u);
}

static inline float square_f32(const P *p, float x)
{
	(void)p;
	return is_nan(x) ? ztflm_quiet_nan(ztflm_f32_bits(x)) : x * x;
}

static inline float sqrt_f32(const P *p, float x)
{
	(void)p;
	if (is_nan(x)) {
		return ztflm_quiet_nan(ztflm_f32_bits(x));
	}
	/* Below -0.0: x86's invalid NaN. sqrtf itself is correctly rounded everywhere. */
	return x < 0.0f ? ztflm_bits_f32(ZTFLM_X86_DEFAULT_NAN) : __builtin_sqrtf(x);
}

static inline float exp_f32(const P *p, float x)
{
	(void)p;
	return ztflm_expf(x);
}

static inline float log_f32(const P *p, float x)
{
	(void)p;
	/* ztflm_logf makes these NaNs by arithmetic, which soft-float cores do otherwise. */
	if (is_nan(x)) {
		return ztflm_quiet_nan(ztflm_f32_bits(x));
	}
	return x < 0.0f ? ztflm_bits_f32(ZTFLM_X86_DEFAULT_NAN) : ztflm_logf(x);
}

static inline float sin_f32(const P *p, float x)
{
	(void)p;
	return ztflm_sinf(x);
}

static inline float cos_f32(const P *p, float x)
{
	(void)p;
	return ztflm_cosf(x);
}

static inline float floor_f32(const P *p, float x)
{
	(void)p;
	return ztflm_floorf(x);
}

static inline float ceil_f32(const P *p, float x)
{
	(void)p;
	return ztflm_ceilf(x);
}

/* TFLM's RoundToNearest: half to even, by the floor and the distance from it. */
static inline float round_f32(const P *p, float x)
{
	(void)p;
	if (is_nan(x)) {
		/* TFLM's floor + 1 quiets it. */
		return ztflm_quiet_nan(ztflm_f32_bits(x));
	}
	const float floor_x = ztflm_floorf(x);
	/* inf - inf is NaN, which TFLM's comparisons send to floor + 1 = inf: x itself. */
	const float diff = (ztflm_f32_bits(x) & 0x7fffffffu) == 0x7f800000u ? 1.0f : x - floor_x;

	/* A distance of exactly 1/2 means |x| < 2^23: the floor converts to int32. */
	if (diff < 0.5f || (diff == 0.5f && (int32_t)floor_x % 2 == 0)) {
		return floor_x;
	}
	return floor_x + 1.0f;
}

ZTFLM_UNARY_VARIANT(neg_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, neg_f32);
ZTFLM_UNARY_VARIANT(square_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, square_f32);
ZTFLM_UNARY_VARIANT(sqrt_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, sqrt_f32);
ZTFLM_UNARY_VARIANT(exp_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, exp_f32);
ZTFLM_UNARY_VARIANT(log_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, log_f32);
ZTFLM_UNARY_VARIANT(sin_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, sin_f32);
ZTFLM_UNARY_VARIANT(cos_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, cos_f32);
ZTFLM_UNARY_VARIANT(floor_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, floor_f32);
ZTFLM_UNARY_VARIANT(ceil_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, ceil_f32);
ZTFLM_UNARY_VARIANT(round_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, round_f32);
