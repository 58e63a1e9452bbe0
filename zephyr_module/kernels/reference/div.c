/* DIV, reference variants: the int8 fixed-point quotient, int32 and float32. */
#include "common/fixedpoint.h"
#include "common/floatbits.h"
#include "ops/div.h"

/*
 * gemmlowp's RoundingDivideByPOT as TFLM's x86 build runs it for every exponent DIV reaches:
 * the mask is (1 << exponent) - 1 computed in 64 bits and truncated, and the shift takes the
 * exponent's low 5 bits (the x86 shift instruction's count). Exponents 32 to 38 occur with
 * ordinary scales (a dividend of 0 or -1 over a large divisor), where this rounds up where
 * a true division would not; DIV_*_OUTPUT_SHIFT keep the exponent in [0, 63].
 */
static inline int32_t div_rdbpot(int32_t x, int32_t exponent)
{
	const uint32_t e = (uint32_t)exponent;
	const int32_t mask = (int32_t)(uint32_t)((UINT64_C(1) << (e & 63u)) - 1u);
	const int32_t remainder = x & mask;
	const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);

	return (x >> (e & 31u)) + (remainder > threshold ? 1 : 0);
}

static inline int32_t div_q(const struct ztflm_div_params *p, int32_t x, int32_t y)
{
	int32_t a = p->input1_offset + x;
	int32_t b = p->input2_offset + y;
	int32_t recip_shift;

	/* The reciprocal needs a positive divisor: both signs move to the dividend. */
	if (b < 0) {
		a = -a;
		b = -b;
	}
	const int32_t inv = ztflm_fp_get_reciprocal(b, 31, &recip_shift);
	const int32_t headroom = __builtin_clrsb(a);
	const int32_t unscaled = ztflm_mbqm_greater_than_one(a, inv, headroom);
	const int32_t q = ztflm_srdhm(unscaled, p->output_multiplier);
	const int32_t raw = p->output_offset +
			    div_rdbpot(q, headroom + recip_shift - p->output_shift);

	return ztflm_clamp_i32(raw, p->act.q.min, p->act.q.max);
}

/* TFLM's fixed-point reciprocal of 0 comes out with the quotient's sign flipped. */
static inline bool div_q_by_zero(const struct ztflm_div_params *p, int32_t x, int32_t y)
{
	(void)x;
	return p->input2_offset + y == 0;
}

static inline int32_t div_i32(const struct ztflm_div_params *p, int32_t x, int32_t y)
{
	return ztflm_clamp_i32(x / y, p->act.q.min, p->act.q.max);
}

/* TFLM fails on a zero divisor and traps on the one quotient past INT32_MAX. */
static inline bool div_i32_undefined(const struct ztflm_div_params *p, int32_t x, int32_t y)
{
	(void)p;
	return y == 0 || (x == INT32_MIN && y == -1);
}

static inline float div_f32(const struct ztflm_div_params *p, float x, float y)
{
	/* TFLM's clamp lets a NaN through: it gets x86's bits first. */
	return ztflm_clamp_f32(ztflm_x86_nan2(x, y, x / y), p->act.f.min, p->act.f.max);
}

#define P struct ztflm_div_params
ZTFLM_BINARY_CHECKED_VARIANT(div_s8_ref, P, (uint32_t)sizeof(P), ZTFLM_INT8, int8_t, ZTFLM_INT8,
			     int8_t, div_q, div_q_by_zero, "division by the zero point");
ZTFLM_BINARY_CHECKED_VARIANT(div_s32_ref, P, (uint32_t)sizeof(P), ZTFLM_INT32, int32_t,
			     ZTFLM_INT32, int32_t, div_i32, div_i32_undefined,
			     "division by zero or INT32_MIN by -1");
ZTFLM_BINARY_VARIANT(div_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, div_f32);
