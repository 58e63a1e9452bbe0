/* NaNs as x86 makes them, for the float results TFLM's x86-64 build gives (bits: common/bits.h). */
#ifndef ZTFLM_KERNELS_COMMON_FLOATBITS_H_
#define ZTFLM_KERNELS_COMMON_FLOATBITS_H_

#include <stdbool.h>
#include <stdint.h>

#include "common/bits.h"

/** x86's result for an invalid operation (0/0, inf - inf): the negative quiet NaN. */
#define ZTFLM_X86_DEFAULT_NAN 0xffc00000u

/** A NaN quieted as x86 quiets it: the quiet bit set, sign and payload kept. */
static inline float ztflm_quiet_nan(uint32_t nan_bits)
{
	return ztflm_bits_float(nan_bits | 0x00400000u);
}

/** Whether x is a NaN, decided on its bits. */
static inline bool ztflm_f32_is_nan(float x)
{
	return (ztflm_float_bits(x) & 0x7fffffffu) > 0x7f800000u;
}

/**
 * r, the result of x op y for an IEEE operation op, with the NaN x86 gives when it is one:
 * x's NaN quieted, else y's, else (an invalid operation) x86's default NaN. Soft-float
 * libraries make other NaNs; finite and infinite results are the same everywhere.
 */
static inline float ztflm_x86_nan2(float x, float y, float r)
{
	if (!ztflm_f32_is_nan(r)) {
		return r;
	}
	if (ztflm_f32_is_nan(x)) {
		return ztflm_quiet_nan(ztflm_float_bits(x));
	}
	return ztflm_f32_is_nan(y) ? ztflm_quiet_nan(ztflm_float_bits(y))
				   : ztflm_bits_float(ZTFLM_X86_DEFAULT_NAN);
}

#endif /* ZTFLM_KERNELS_COMMON_FLOATBITS_H_ */
