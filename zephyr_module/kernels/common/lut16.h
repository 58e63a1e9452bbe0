/* TFLM's 513-entry int16 lookup tables: built from a float function, read by interpolation. */
#ifndef ZTFLM_KERNELS_COMMON_LUT16_H_
#define ZTFLM_KERNELS_COMMON_LUT16_H_

#include <stdint.h>

/** Entries of a table: 512 steps over the int16 input range and the end point. */
#define ZTFLM_LUT16_SIZE 513

/**
 * TFLM's LUTPopulate<int16_t>: f sampled over the input range in float, each entry biased by
 * half the interpolation error at its step's midpoint. Bit-exact needs f exact too (expf:
 * ztflm_expf) and float arithmetic rounded at every step (-ffp-contract=off).
 */
void ztflm_lut16_populate(float in_scale, int32_t in_zero_point, float out_scale,
			  int32_t out_zero_point, float (*f)(float), int16_t *lut);

/** TFLM's LUTLookup(int16_t): the entry of the top 9 bits, interpolated on the low 7. */
static inline int16_t ztflm_lut16_lookup(int16_t value, const int16_t *lut)
{
	const uint32_t index = (uint32_t)(256 + (value >> 7));
	const int32_t offset = value & 0x7f;
	/* TFLM keeps the slope in an int16_t: a difference past it wraps there too. */
	const int16_t slope = (int16_t)(lut[index + 1u] - lut[index]);

	return (int16_t)(lut[index] + ((slope * offset + 64) >> 7));
}

#endif /* ZTFLM_KERNELS_COMMON_LUT16_H_ */
