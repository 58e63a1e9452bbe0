/*
 * logf bit-identical to glibc 2.36's (x86-64, FMA build) without an fma instruction, so float
 * LOG_SOFTMAX gives the oracle's bits on Cortex-M and RISC-V.
 *
 * The algorithm is the one glibc, newlib and musl share (Arm optimized-routines): x = 2^k z
 * with z in [0x3f330000, 2 * 0x3f330000) as floats, c the centre of z's sixteenth of that
 * range, log x = log1p(z / c - 1) + log c + k ln 2, log1p(r) by a cubic in double, one final
 * rounding to float. glibc's FMA build fuses r = z * (1/c) - 1 and the polynomial's steps;
 * unfused they give the same float for every input (tests/c/test_mathf.c checks them all), so
 * neither an fma nor the compiler's contraction changes a result.
 */
#include <math.h>
#include <stdint.h>

#include "common/bits.h"
#include "common/logf.h"

#define LOGF_N 16
#define LOGF_OFF 0x3f330000u
#define LOGF_LN2 0x1.62e42fefa39efp-1
/* The cubic for log1p(r) - r (optimized-routines' coefficients, highest order first). */
#define LOGF_A0 -0x1.00ea348b88334p-2
#define LOGF_A1 0x1.5575b0be00b6ap-2
#define LOGF_A2 -0x1.ffffef20a4123p-2

/* 1/c and log c for each sixteenth (optimized-routines' table). */
static const double logf_tab[LOGF_N][2] = {
	{0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2},
	{0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2},
	{0x1.49539f0f010bp+0, -0x1.01eae7f513a67p-2},
	{0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3},
	{0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3},
	{0x1.25e227b0b8eap+0, -0x1.1aa2bc79c81p-3},
	{0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4},
	{0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4},
	{0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5},
	{0x1p+0, 0x0p+0},
	{0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5},
	{0x1.ca4b31f026aap-1, 0x1.c5e53aa362eb4p-4},
	{0x1.b2036576afce6p-1, 0x1.526e57720db08p-3},
	{0x1.9c2d163a1aa2dp-1, 0x1.bc2860d22477p-3},
	{0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2},
	{0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2},
};

float ztflm_logf(float x)
{
	uint32_t ix = ztflm_float_bits(x);

	if (ix == 0x3f800000u) {
		return 0.0f;
	}
	if (ix - 0x00800000u >= 0x7f800000u - 0x00800000u) {
		/* Below 2^-126, negative, inf or NaN. */
		if (ix * 2u == 0u) {
			return -INFINITY; /* log(+-0) */
		}
		if (ix == 0x7f800000u) {
			return x;
		}
		if ((ix & 0x80000000u) || ix * 2u >= 0xff000000u) {
			/* NaN in: that NaN quieted; a negative number: the default NaN. */
			return (x - x) / (x - x);
		}
		/* Subnormal: scaled into the normal range, the scale taken off k. */
		ix = ztflm_float_bits(x * 0x1p23f);
		ix -= 23u << 23;
	}
	const uint32_t tmp = ix - LOGF_OFF;
	const uint32_t i = (tmp >> (23 - 4)) % LOGF_N;
	const int32_t k = (int32_t)tmp >> 23; /* arithmetic shift */
	const double z = (double)ztflm_bits_float(ix - (tmp & (0x1ffu << 23)));
	const double r = z * logf_tab[i][0] - 1.0;
	const double y0 = logf_tab[i][1] + (double)k * LOGF_LN2;
	const double r2 = r * r;
	double y = LOGF_A1 * r + LOGF_A2;

	y = LOGF_A0 * r2 + y;
	y = y * r2 + (y0 + r);
	return (float)y;
}
