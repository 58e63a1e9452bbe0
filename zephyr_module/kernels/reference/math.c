/* The float32 math operators' reference variants: one element function each. */
#include "common/expf.h"
#include "common/floatbits.h"
#include "common/logf.h"
#include "common/mathf.h"
#include "ops/math.h"

#define P struct ztflm_unary

static inline float neg_f32(const P *p, float x)
{
	(void)p;
	/* A sign flip on every core, a signalling NaN left signalling (x86's xorps). */
	return ztflm_bits_float(ztflm_float_bits(x) ^ 0x80000000u);
}

/* NaN operands are quieted on the bits, as x86 quiets them (soft-float cores may not). */
static inline float square_f32(const P *p, float x)
{
	(void)p;
	return ztflm_f32_is_nan(x) ? ztflm_quiet_nan(ztflm_float_bits(x)) : x * x;
}

static inline float sqrt_f32(const P *p, float x)
{
	(void)p;
	if (ztflm_f32_is_nan(x)) {
		return ztflm_quiet_nan(ztflm_float_bits(x));
	}
	/* Below -0.0: x86's invalid NaN. sqrtf itself is correctly rounded everywhere. */
	return x < 0.0f ? ztflm_bits_float(ZTFLM_X86_DEFAULT_NAN) : __builtin_sqrtf(x);
}

/* The element function name_f32: the runtime's own fn, glibc's bits on every core. */
#define OWN_FUNCTION(name, fn)                                                                     \
	static inline float name##_f32(const P *p, float x)                                        \
	{                                                                                          \
		(void)p;                                                                           \
		return fn(x);                                                                      \
	}

OWN_FUNCTION(exp, ztflm_expf)
OWN_FUNCTION(sin, ztflm_sinf)
OWN_FUNCTION(cos, ztflm_cosf)
OWN_FUNCTION(floor, ztflm_floorf)
OWN_FUNCTION(ceil, ztflm_ceilf)

static inline float log_f32(const P *p, float x)
{
	(void)p;
	/* ztflm_logf makes these NaNs by arithmetic, which soft-float cores do otherwise. */
	if (ztflm_f32_is_nan(x)) {
		return ztflm_quiet_nan(ztflm_float_bits(x));
	}
	return x < 0.0f ? ztflm_bits_float(ZTFLM_X86_DEFAULT_NAN) : ztflm_logf(x);
}

/* TFLM's RoundToNearest: half to even, by the floor and the distance from it. */
static inline float round_f32(const P *p, float x)
{
	(void)p;
	if (ztflm_f32_is_nan(x)) {
		/* TFLM's floor + 1 quiets it. */
		return ztflm_quiet_nan(ztflm_float_bits(x));
	}
	const float floor_x = ztflm_floorf(x);
	/* inf - inf is NaN, which TFLM's comparisons send to floor + 1 = inf: x itself. */
	const float diff = (ztflm_float_bits(x) & 0x7fffffffu) == 0x7f800000u ? 1.0f : x - floor_x;

	/* A distance of exactly 1/2 means |x| < 2^23: the floor converts to int32. */
	if (diff < 0.5f || (diff == 0.5f && (int32_t)floor_x % 2 == 0)) {
		return floor_x;
	}
	return floor_x + 1.0f;
}

/* The float32 variant name_f32_ref of element function name_f32. */
#define F32_VARIANT(name)                                                                          \
	ZTFLM_UNARY_VARIANT(name##_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, name##_f32)

F32_VARIANT(neg);
F32_VARIANT(square);
F32_VARIANT(sqrt);
F32_VARIANT(exp);
F32_VARIANT(log);
F32_VARIANT(sin);
F32_VARIANT(cos);
F32_VARIANT(floor);
F32_VARIANT(ceil);
F32_VARIANT(round);
