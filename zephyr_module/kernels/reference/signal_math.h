/* Integer math of the Signal library: most significant bit, square roots, logarithm. */
#ifndef ZTFLM_KERNELS_REFERENCE_SIGNAL_MATH_H_
#define ZTFLM_KERNELS_REFERENCE_SIGNAL_MATH_H_

#include <stdint.h>

/*
 * Index of the most significant set bit plus one; 32 for 0, as TFLM's GCC build computes
 * it (32 - __builtin_clz, with 0 special-cased to 32), which SignalFftAutoScale shows.
 */
static inline uint32_t ztflm_msb32(uint32_t x)
{
	uint32_t n = 0;

	if (x == 0u) {
		return 32u;
	}
	while (x) {
		x >>= 1;
		n++;
	}
	return n;
}

static inline uint32_t ztflm_msb64(uint64_t x)
{
	return (x >> 32) ? 32u + ztflm_msb32((uint32_t)(x >> 32)) : ztflm_msb32((uint32_t)x);
}

/* Rounded integer square roots, bit by bit (TFLM's Sqrt32 and Sqrt64). */
uint16_t ztflm_sqrt32(uint32_t num);
uint32_t ztflm_sqrt64(uint64_t num);

/* Natural logarithm of x (at least 2) times out_scale, in 16 fraction bits (TFLM's Log32). */
uint32_t ztflm_log32(uint32_t x, uint32_t out_scale);

#endif /* ZTFLM_KERNELS_REFERENCE_SIGNAL_MATH_H_ */
