/*
 * fmodf on the bits: the exact remainder, with the NaNs TFLM's x86 build gets. That build
 * computes fmodf inline with the x87 fprem instruction (GCC does without math errno), whose
 * NaN rules are the x87's, not glibc's.
 */
#include "common/floatbits.h"
#include "common/mathf.h"

/* The significand of a nonzero finite |x| as m * 2^(e - 150), m in [2^23, 2^24). */
static uint32_t unpack(uint32_t ax, int32_t *e)
{
	const uint32_t m = ax & 0x007fffffu;

	*e = (int32_t)(ax >> 23);
	if (*e != 0) {
		return m | 0x00800000u;
	}
	/* Subnormal: normalize, lowering the exponent below 1. */
	const int32_t shift = __builtin_clz(m) - 8;

	*e = 1 - shift;
	return m << shift;
}

/*
 * The x87's choice between operands one of which is NaN: each NaN quieted (loading a float
 * quiets it), the NaN if only one is, else the one with the larger significand, the positive
 * one of two that differ in sign only.
 */
static float x87_nan(uint32_t ux, uint32_t uy)
{
	const uint32_t qx = ux | 0x00400000u;
	const uint32_t qy = uy | 0x00400000u;

	if ((uy & 0x7fffffffu) <= 0x7f800000u) {
		return ztflm_bits_float(qx);
	}
	if ((ux & 0x7fffffffu) <= 0x7f800000u) {
		return ztflm_bits_float(qy);
	}
	if ((qx & 0x007fffffu) != (qy & 0x007fffffu)) {
		return ztflm_bits_float((qx & 0x007fffffu) > (qy & 0x007fffffu) ? qx : qy);
	}
	return ztflm_bits_float((qx & 0x80000000u) != 0u ? qy : qx);
}

float ztflm_fmodf(float x, float y)
{
	const uint32_t ux = ztflm_float_bits(x);
	const uint32_t uy = ztflm_float_bits(y);
	const uint32_t sign = ux & 0x80000000u;
	const uint32_t ax = ux & 0x7fffffffu;
	const uint32_t ay = uy & 0x7fffffffu;

	if (ax > 0x7f800000u || ay > 0x7f800000u) {
		return x87_nan(ux, uy);
	}
	/* Infinity over anything, anything over 0: the x87's invalid result. */
	if (ax == 0x7f800000u || ay == 0u) {
		return ztflm_bits_float(ZTFLM_X86_DEFAULT_NAN);
	}
	if (ax < ay) {
		return x;
	}
	int32_t ex;
	int32_t ey;
	uint32_t mx = unpack(ax, &ex);
	const uint32_t my = unpack(ay, &ey);

	/* Long division, one bit of the quotient a step; only the remainder is kept. */
	for (; ex > ey; ex--) {
		if (mx >= my) {
			mx -= my;
		}
		mx <<= 1;
	}
	if (mx >= my) {
		mx -= my;
	}
	if (mx == 0u) {
		return ztflm_bits_float(sign);
	}
	while (mx < 0x00800000u) {
		mx <<= 1;
		ey--;
	}
	/* Below the normal range the remainder is a subnormal, exactly (it is under |y|). */
	const uint32_t bits = ey >= 1 ? ((uint32_t)ey << 23) | (mx & 0x007fffffu)
				      : mx >> (1 - ey);

	return ztflm_bits_float(sign | bits);
}
