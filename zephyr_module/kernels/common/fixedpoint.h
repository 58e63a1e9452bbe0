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

/* TFLM SaturatingAddNonGemmlowp and SaturatingSub: raw sums saturated to int32. */
static inline int32_t ztflm_fp_sat_add(int32_t a, int32_t b)
{
	const int64_t sum = (int64_t)a + (int64_t)b;

	return sum > INT32_MAX ? INT32_MAX : (sum < INT32_MIN ? INT32_MIN : (int32_t)sum);
}

static inline int32_t ztflm_fp_sat_sub(int32_t a, int32_t b)
{
	const int64_t diff = (int64_t)a - (int64_t)b;

	return diff > INT32_MAX ? INT32_MAX : (diff < INT32_MIN ? INT32_MIN : (int32_t)diff);
}

static inline int32_t ztflm_fp_clz(uint32_t x)
{
	return x ? __builtin_clz(x) : 32;
}

/*
 * TFLM log_x_for_x_greater_than_or_equal_to_1: log(a) for a >= 1 with in_bits integer bits,
 * the result with out_bits. a = 2^k * r with r near 1 (two candidates, a and a * sqrt(1/2),
 * normalized; the smaller r wins), log r from a rational approximation around 2^(-1/4).
 */
static inline int32_t ztflm_fp_log_x_ge_1(int32_t a, int32_t in_bits, int32_t out_bits)
{
	const int32_t accum_bits = out_bits + 1; /* headroom for k * log 2 saturating */
	const int32_t log_2 = 1488522236;
	const int32_t sqrt_sqrt_half = 1805811301;
	const int32_t sqrt_half = 1518500250;
	const int32_t alpha_n = 117049297;
	const int32_t alpha_d = 127690142;
	const int32_t alpha_i = 1057819769;
	const int32_t alpha_f = 638450708;
	const int32_t shifted_quarter = ztflm_fp_rescale(1 << 29, 0, accum_bits);
	/* a read as Q0.31; its power of two is found from its headroom. */
	const int32_t a_headroom_plus_1 = ztflm_fp_clz((uint32_t)a);
	const int32_t r_a_tmp = ztflm_fp_mul_pot(a, a_headroom_plus_1 - 1);
	const int32_t r_a = ztflm_fp_mul_pot(ztflm_fp_mul(r_a_tmp, sqrt_half), 1);
	const int32_t a_pow_2_adj = ztflm_fp_sat_add(
		ztflm_fp_mul_pot(in_bits - a_headroom_plus_1, 31 - accum_bits), shifted_quarter);
	const int32_t b = ztflm_fp_mul(a, sqrt_half);
	const int32_t b_headroom = ztflm_fp_clz((uint32_t)b) - 1;
	const int32_t r_b = ztflm_fp_mul_pot(a, b_headroom);
	const int32_t b_pow_2_adj = ztflm_fp_sat_sub(
		ztflm_fp_mul_pot(in_bits - b_headroom, 31 - accum_bits), shifted_quarter);
	const int32_t r = r_a < r_b ? r_a : r_b;
	const int32_t pow_2_adj = a_pow_2_adj > b_pow_2_adj ? a_pow_2_adj : b_pow_2_adj;
	const int32_t p = ztflm_fp_rounding_half_sum(r, sqrt_sqrt_half);
	const int32_t q_half = ztflm_fp_sub(r, sqrt_sqrt_half);
	const int32_t q = ztflm_fp_add(q_half, q_half);
	const int32_t common_sq = ztflm_fp_mul(q, q);
	const int32_t num = ztflm_fp_add(ztflm_fp_mul(q, r),
					 ztflm_fp_mul(ztflm_fp_mul(q, common_sq), alpha_n));
	const int32_t p_factor =
		ztflm_fp_add(ztflm_fp_add(alpha_i, q), ztflm_fp_mul(alpha_d, common_sq));
	const int32_t denom_minus_one =
		ztflm_fp_add(ztflm_fp_mul(p, p_factor), ztflm_fp_mul(alpha_f, q));
	const int32_t recip_denom = ztflm_fp_one_over_one_plus_x(denom_minus_one);
	const int32_t num_scaled = ztflm_fp_rescale(num, 0, accum_bits);

	return ztflm_fp_rescale(ztflm_fp_add(ztflm_fp_mul(pow_2_adj, log_2),
					     ztflm_fp_mul(num_scaled, recip_denom)),
				accum_bits, out_bits);
}

/*
 * TFLM GetInvSqrtQuantizedMultiplierExp(x, kReverseShift): 1 / sqrt(x) for x >= 0 as a Q31
 * multiplier and a shift (left if > 0), by five Newton-Raphson steps in Q3.28; 0 and 1 (and
 * a wrapped negative sum, which TFLM's DCHECK lets through) as 1.
 */
static inline void ztflm_fp_inv_sqrt(int32_t x, int32_t *multiplier, int32_t *shift)
{
	if (x <= 1) {
		*multiplier = INT32_MAX;
		*shift = 0;
		return;
	}
	int32_t s = 11;

	while (x >= (1 << 29)) {
		x /= 4;
		s++;
	}
	const int32_t pairs = (ztflm_fp_clz((uint32_t)x) - 1) / 2 - 1;

	s -= pairs;
	x = (int32_t)((uint32_t)x << (2 * pairs));

	const int32_t half_input = ztflm_fp_mul_pot(x >> 1, -1);
	const int32_t half_three = (1 << 28) + (1 << 27);
	int32_t y = 1 << 28; /* 1.0 in Q3.28 */

	for (int i = 0; i < 5; i++) {
		const int32_t y3 = ztflm_fp_rescale(ztflm_fp_mul(ztflm_fp_mul(y, y), y), 9, 3);

		y = ztflm_fp_rescale(ztflm_fp_sub(ztflm_fp_mul(half_three, y),
						  ztflm_fp_mul(half_input, y3)),
				     6, 3);
	}
	y = ztflm_fp_mul(y, 1518500250); /* times sqrt(2) / 2 */
	if (s < 0) {
		y = (int32_t)((uint32_t)y << -s);
		s = 0;
	}
	*multiplier = y;
	*shift = -s;
}

#endif /* ZTFLM_KERNELS_COMMON_FIXEDPOINT_H_ */
