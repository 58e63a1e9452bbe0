/*
 * gemmlowp-style fixed point on int32 raw values, bit-exact with gemmlowp's generic
 * implementation as TFLM uses it (softmax, logistic, tanh). A FixedPoint<int32, I> is
 * its raw int32; I (integer bits) is passed explicitly where it matters.
 */
#ifndef ZTFLM_KERNELS_COMMON_FIXEDPOINT_H_
#define ZTFLM_KERNELS_COMMON_FIXEDPOINT_H_

#include <stdint.h>

#include "common/quant.h"

/* Raw adds and subtracts wrap, as gemmlowp's do on real hardware. */
static inline int32_t ztflm_fp_add(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t ztflm_fp_sub(int32_t a, int32_t b)
{
	return (int32_t)((uint32_t)a - (uint32_t)b);
}

static inline int32_t ztflm_fp_neg(int32_t a)
{
	return (int32_t)(0u - (uint32_t)a);
}

/* Product of two fixed-point values: integer bits add up. */
static inline int32_t ztflm_fp_mul(int32_t a, int32_t b)
{
	return ztflm_srdhm(a, b);
}

/* SaturatingRoundingMultiplyByPOT<exponent>. */
static inline int32_t ztflm_fp_mul_pot(int32_t x, int32_t exponent)
{
	if (exponent > 0) {
		const int32_t threshold = (int32_t)((1u << (31 - exponent)) - 1u);

		if (x > threshold) {
			return INT32_MAX;
		}
		if (x < -threshold) {
			return INT32_MIN;
		}
		return (int32_t)((uint32_t)x << exponent);
	}
	if (exponent < 0) {
		return ztflm_rdbpot(x, -exponent);
	}
	return x;
}

/* Rescale from src integer bits to dst integer bits. */
static inline int32_t ztflm_fp_rescale(int32_t x, int32_t src_bits, int32_t dst_bits)
{
	return ztflm_fp_mul_pot(x, src_bits - dst_bits);
}

/* RoundingHalfSum. */
static inline int32_t ztflm_fp_rounding_half_sum(int32_t a, int32_t b)
{
	const int64_t sum = (int64_t)a + (int64_t)b;
	const int64_t sign = sum >= 0 ? 1 : -1;

	return (int32_t)((sum + sign) / 2);
}

/* exp(a) for a in [-1/4, 0), a with 0 integer bits. */
static inline int32_t ztflm_fp_exp_quarter(int32_t a)
{
	const int32_t constant_term = 1895147668;  /* exp(-1/8) */
	const int32_t constant_1_over_3 = 715827883;
	const int32_t x = ztflm_fp_add(a, 1 << 28); /* a + 1/8 */
	const int32_t x2 = ztflm_fp_mul(x, x);
	const int32_t x3 = ztflm_fp_mul(x2, x);
	const int32_t x4 = ztflm_fp_mul(x2, x2);
	const int32_t x4_over_4 = ztflm_fp_mul_pot(x4, -2);
	/* x^4/24 + x^3/6 + x^2/2 */
	const int32_t poly = ztflm_fp_mul_pot(
		ztflm_fp_add(ztflm_fp_mul(ztflm_fp_add(x4_over_4, x3), constant_1_over_3), x2), -1);

	return ztflm_fp_add(constant_term, ztflm_fp_mul(constant_term, ztflm_fp_add(x, poly)));
}

/* exp(a) for a <= 0 with int_bits integer bits; the result has 0 integer bits. */
static inline int32_t ztflm_fp_exp_on_negative_values(int32_t a, int32_t int_bits)
{
	static const int32_t multipliers[7] = {
		1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242,
	};
	const int32_t frac_bits = 31 - int_bits;
	const int32_t one_quarter = 1 << (frac_bits - 2);
	const int32_t mask = one_quarter - 1;
	const int32_t a_mod = ztflm_fp_sub(a & mask, one_quarter);
	int32_t result = ztflm_fp_exp_quarter(ztflm_fp_rescale(a_mod, int_bits, 0));
	const int32_t remainder = ztflm_fp_sub(a_mod, a);

	/* Barrel shifter over exponents -2 .. 4: exp(-2^e) applied per set bit. */
	for (int32_t e = -2; e <= 4; e++) {
		if (int_bits > e) {
			const int32_t shift = frac_bits + e;

			if (remainder & (int32_t)(1u << shift)) {
				result = ztflm_fp_mul(result, multipliers[e + 2]);
			}
		}
	}
	if (int_bits > 5) {
		const int32_t clamp = (int32_t)(0u - (1u << (36 - int_bits))); /* -32.0 */

		if (a < clamp) {
			result = 0;
		}
	}
	return a == 0 ? INT32_MAX : result;
}

/* Shared Newton-Raphson core: 1 / (1 + a) in Q2.29 for a in [0, 1) with 0 integer bits. */
static inline int32_t ztflm_fp_reciprocal_q2(int32_t a)
{
	const int32_t half_denominator = ztflm_fp_rounding_half_sum(a, INT32_MAX);
	const int32_t one_q2 = 1 << 29;
	int32_t x = ztflm_fp_add(1515870810, ztflm_fp_mul(half_denominator, -1010580540));

	for (int i = 0; i < 3; i++) {
		const int32_t hdx = ztflm_fp_mul(half_denominator, x);
		const int32_t one_minus = ztflm_fp_sub(one_q2, hdx);

		x = ztflm_fp_add(x, ztflm_fp_rescale(ztflm_fp_mul(x, one_minus), 4, 2));
	}
	return x;
}

/* one_over_one_plus_x_for_x_in_0_1: result with 0 integer bits. */
static inline int32_t ztflm_fp_one_over_one_plus_x(int32_t a)
{
	/* ExactMulByPot<-1> keeps the raw value and makes it Q1; then rescale to Q0. */
	return ztflm_fp_rescale(ztflm_fp_reciprocal_q2(a), 1, 0);
}

/* one_minus_x_over_one_plus_x_for_x_in_0_1: result with 0 integer bits. */
static inline int32_t ztflm_fp_one_minus_x_over_one_plus_x(int32_t a)
{
	return ztflm_fp_rescale(ztflm_fp_sub(ztflm_fp_reciprocal_q2(a), 1 << 29), 2, 0);
}

/* logistic(a) for a with int_bits integer bits; result with 0 integer bits. */
static inline int32_t ztflm_fp_logistic(int32_t a, int32_t int_bits)
{
	if (a == 0) {
		return 1 << 30;
	}
	const int32_t abs_a = a > 0 ? a : ztflm_fp_neg(a);
	const int32_t positive =
		ztflm_fp_one_over_one_plus_x(ztflm_fp_exp_on_negative_values(ztflm_fp_neg(abs_a),
									     int_bits));

	return a > 0 ? positive : ztflm_fp_sub(INT32_MAX, positive);
}

/* tanh(a) for a with int_bits integer bits; result with 0 integer bits. */
static inline int32_t ztflm_fp_tanh(int32_t a, int32_t int_bits)
{
	if (a == 0) {
		return 0;
	}
	const int32_t n = a < 0 ? ztflm_fp_neg(a) : a;
	/* ExactMulByPot<1>(-n): same raw value, one more integer bit. */
	const int32_t t = ztflm_fp_one_minus_x_over_one_plus_x(
		ztflm_fp_exp_on_negative_values(ztflm_fp_neg(n), int_bits + 1));

	return a < 0 ? ztflm_fp_neg(t) : t;
}

/* TFLM GetReciprocal: 1 / x for x with x_int_bits integer bits, as Q0 and a shift. */
static inline int32_t ztflm_fp_get_reciprocal(int32_t x, int32_t x_int_bits,
					      int32_t *num_bits_over_unit)
{
	const uint32_t ux = (uint32_t)x;
	const int32_t headroom_plus_one = ux ? __builtin_clz(ux) : 32;

	*num_bits_over_unit = x_int_bits - headroom_plus_one;
	const uint32_t shifted = headroom_plus_one < 32 ? ux << headroom_plus_one : 0u;
	const int32_t shifted_sum_minus_one = (int32_t)(shifted - (1u << 31));

	return ztflm_fp_one_over_one_plus_x(shifted_sum_minus_one);
}

#endif /* ZTFLM_KERNELS_COMMON_FIXEDPOINT_H_ */
