/*
 * expm1f bit-identical to glibc 2.36's (x86-64), so float ELU gives the oracle's bits on cores
 * whose C libraries compute it otherwise.
 *
 * The algorithm is the one glibc keeps from fdlibm, in float arithmetic: x = k ln2 + r with
 * |r| <= ln2 / 2 (ln2 split into a head whose products with k are exact and a tail, the
 * rounding error of r kept as a correction c), e^r - 1 from a rational approximation built on
 * an odd polynomial in r^2 / 2, and 2^k applied by adding k to the exponent field, each step in
 * the order glibc rounds it. Every operation is a float operation rounded to float
 * (FLT_EVAL_METHOD 0), so the result does not depend on the core's floating-point unit.
 */
#include <stdint.h>

#include "common/bits.h"
#include "common/expm1f.h"

/* Each product and sum rounded on its own, as glibc's build rounds them: fusing a multiply
 * and an add changes about 200,000 results, so no build may contract them here. */
#if defined(__clang__)
#pragma clang fp contract(off)
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#define LN2_HI 0x1.62e3p-1f       /* 6.9313812256e-01: the head of ln 2, 16 bits */
#define LN2_LO 0x1.2fefa2p-17f    /* 9.0580006145e-06: ln 2 - LN2_HI */
#define INV_LN2 0x1.715476p+0f    /* 1.4426950216e+00 */
#define OVERFLOW 0x1.62e3p+6f     /* 8.8721679688e+01: e^x - 1 overflows above it */
#define HUGE 1.0e+30f
/* The odd polynomial's coefficients, scaled (glibc's Q1 to Q5). */
#define Q1 -0x1.111112p-5f
#define Q2 0x1.a01a02p-10f
#define Q3 -0x1.4ce19ap-14f
#define Q4 0x1.0cfca8p-18f
#define Q5 -0x1.afdb76p-23f

/* y times 2^k by its exponent field (y is normal and the result stays finite). */
static inline float scale(float y, int32_t k)
{
	return ztflm_bits_float(ztflm_float_bits(y) + ((uint32_t)k << 23));
}

float ztflm_expm1f(float x)
{
	const uint32_t bits = ztflm_float_bits(x);
	const uint32_t abs_bits = bits & 0x7fffffffu;
	const int negative = (bits >> 31) != 0;
	float c = 0.0f;
	int32_t k;

	if (abs_bits >= 0x4195b844u) { /* |x| >= 27 ln 2 */
		if (abs_bits >= 0x42b17218u) { /* |x| >= 88.72..., inf or NaN */
			if (abs_bits > 0x7f800000u) {
				return x + x; /* NaN, quieted */
			}
			if (abs_bits == 0x7f800000u) {
				return negative ? -1.0f : x;
			}
			if (x > OVERFLOW) {
				return HUGE * HUGE;
			}
		}
		if (negative) {
			return 1.0e-30f - 1.0f; /* -1 */
		}
	}
	if (abs_bits > 0x3eb17218u) { /* |x| > ln 2 / 2: reduce */
		float hi;
		float lo;

		if (abs_bits < 0x3f851592u) { /* |x| < 3 ln 2 / 2: k is 1 or -1 */
			hi = negative ? x + LN2_HI : x - LN2_HI;
			lo = negative ? -LN2_LO : LN2_LO;
			k = negative ? -1 : 1;
		} else {
			k = (int32_t)(INV_LN2 * x + (negative ? -0.5f : 0.5f));
			const float t = (float)k;

			hi = x - t * LN2_HI; /* exact */
			lo = t * LN2_LO;
		}
		x = hi - lo;
		c = (hi - x) - lo;
	} else if (abs_bits < 0x33000000u) { /* |x| < 2^-25: x itself */
		return x;
	} else {
		k = 0;
	}

	const float hfx = 0.5f * x;
	const float hxs = x * hfx;
	const float r1 = 1.0f + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
	const float t = 3.0f - r1 * hfx;
	float e = hxs * ((r1 - t) / (6.0f - x * t));

	if (k == 0) {
		return x - (x * e - hxs);
	}
	e = x * (e - c) - c;
	e -= hxs;
	if (k == -1) {
		return 0.5f * (x - e) - 0.5f;
	}
	if (k == 1) {
		return x < -0.25f ? -2.0f * (e - (x + 0.5f)) : 1.0f + 2.0f * (x - e);
	}
	if (k <= -2 || k > 56) { /* e^x - 1 is e^x, rounded */
		return scale(1.0f - (e - x), k) - 1.0f;
	}
	if (k < 23) {
		const float one_minus = ztflm_bits_float(0x3f800000u - (0x1000000u >> k)); /* 1 - 2^-k */

		return scale(one_minus - (e - x), k);
	}
	const float tiny = ztflm_bits_float((uint32_t)(0x7f - k) << 23); /* 2^-k */

	return scale(x - (e + tiny) + 1.0f, k);
}
