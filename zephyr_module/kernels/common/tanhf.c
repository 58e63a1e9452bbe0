/* tanhf with the bits of glibc 2.36's (fdlibm's algorithm in float), on every target. */
#include "common/expm1f.h"
#include "common/floatbits.h"
#include "common/mathf.h"

float ztflm_tanhf(float x)
{
	const uint32_t jx = ztflm_float_bits(x);
	const uint32_t ix = jx & 0x7fffffffu;
	float z;

	if (ix >= 0x7f800000u) {
		/* tanh(+-inf) = +-1; a NaN comes back quieted, as 1/x + 1 makes it. */
		return (jx >> 31) ? 1.0f / x - 1.0f : 1.0f / x + 1.0f;
	}
	if (ix >= 0x41b00000u) {
		/* |x| >= 22. */
		z = 1.0f - 1.0e-30f;
	} else if (ix == 0u) {
		return x;
	} else if (ix < 0x24000000u) {
		/* |x| < 2^-55: tanh(x) = x. */
		return x * (1.0f + x);
	} else if (ix >= 0x3f800000u) {
		const float t = ztflm_expm1f(2.0f * (x < 0.0f ? -x : x));

		z = 1.0f - 2.0f / (t + 2.0f);
	} else {
		const float t = ztflm_expm1f(-2.0f * (x < 0.0f ? -x : x));

		z = -t / (t + 2.0f);
	}
	return (jx >> 31) ? -z : z;
}
