/* Bit patterns of floats and doubles and back, through memcpy (no aliasing, no unions). */
#ifndef ZTFLM_KERNELS_COMMON_BITS_H_
#define ZTFLM_KERNELS_COMMON_BITS_H_

#include <stdint.h>
#include <string.h>

static inline uint32_t ztflm_float_bits(float f)
{
	uint32_t u;

	memcpy(&u, &f, sizeof(u));
	return u;
}

static inline float ztflm_bits_float(uint32_t u)
{
	float f;

	memcpy(&f, &u, sizeof(f));
	return f;
}

static inline uint64_t ztflm_double_bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

static inline double ztflm_bits_double(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

#endif /* ZTFLM_KERNELS_COMMON_BITS_H_ */
