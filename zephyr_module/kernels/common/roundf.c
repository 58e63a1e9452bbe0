/* floorf, ceilf and roundf on the bits: exact, NaNs as glibc on x86 returns them. */
#include "common/floatbits.h"
#include "common/mathf.h"

/* Rounds x to an integer toward -inf (up = 0) or +inf (up = 1). */
static float round_to_integer(float x, uint32_t up)
{
	uint32_t u = ztflm_float_bits(x);
	const uint32_t negative = u >> 31;
	const int32_t e = (int32_t)((u >> 23) & 0xffu) - 127;

	if (e >= 23) {
		/* Integral, infinite or NaN (even a signalling one, unquieted). */
		return x;
	}
	if (e < 0) {
		/* |x| < 1: 0 keeps its sign; else 0 or 1 with x's sign, -0.0 for ceil's (-1, 0). */
		if ((u & 0x7fffffffu) == 0u) {
			return x;
		}
		if (negative != up) {
			return negative ? -1.0f : 1.0f;
		}
		return negative ? -0.0f : 0.0f;
	}
	const uint32_t fraction = 0x007fffffu >> e;

	if ((u & fraction) == 0u) {
		return x;
	}
	/* Away from zero: carry into the integer part (and the exponent), then truncate. */
	if (negative != up) {
		u += fraction;
	}
	return ztflm_bits_float(u & ~fraction);
}

float ztflm_floorf(float x)
{
	return round_to_integer(x, 0u);
}

float ztflm_ceilf(float x)
{
	return round_to_integer(x, 1u);
}

#ifndef ZTFLM_ROUNDF_HW
float ztflm_roundf(float x)
{
	const uint32_t u = ztflm_float_bits(x);
	const int32_t e = (int32_t)((u >> 23) & 0xffu) - 127;

	if (e >= 23) {
		/* Integral, infinite, or NaN: glibc's roundf quiets a signalling one. */
		return e == 128 && (u & 0x007fffffu) != 0u ? ztflm_quiet_nan(u) : x;
	}
	if (e < 0) {
		/* |x| < 1: 0 below one half, else 1, with x's sign. */
		return ztflm_bits_float((u & 0x80000000u) | (e == -1 ? 0x3f800000u : 0u));
	}
	const uint32_t fraction = 0x007fffffu >> e;

	if ((u & fraction) == 0u) {
		return x;
	}
	/* Half a unit of the integer part, then the fraction cut: a carry rounds the exponent up. */
	return ztflm_bits_float((u + (0x00400000u >> e)) & ~fraction);
}
#endif
