/* The sigmoid table TFLM's int16 LOGISTIC and TANH interpolate, and their arithmetic. */
#ifndef ZTFLM_KERNELS_COMMON_SIGMOID16_H_
#define ZTFLM_KERNELS_COMMON_SIGMOID16_H_

#include <stdint.h>

/** sigmoid(i/24) in 0.16 fixed point, TFLM's entries (scripts/gen_sigmoid_table.py). */
extern const uint16_t ztflm_sigmoid16[256];

/*
 * The input rescaled as TFLM does, to steps of 1/4096/3 (v = 2^17 is 10.7), then the table
 * interpolated on |v|: LOGISTIC in 1/512 steps of an entry, TANH (2 sigmoid(2x) - 1) in 1/256.
 * Outputs are in 1/32768 steps. multiplier <= 32767 and shift <= 31, so v fits in int32.
 */
static inline int32_t ztflm_sigmoid16_input(int32_t x, int32_t multiplier, int32_t shift,
					    int32_t round)
{
	return (x * multiplier + round) >> shift;
}

static inline int16_t ztflm_logistic16(int32_t v)
{
	const uint32_t a = (uint32_t)(v < 0 ? -v : v);
	const uint32_t uh = a >> 9;
	uint32_t r = 0x7FFFu << 10;

	if (uh < 255u) {
		const uint32_t ua = ztflm_sigmoid16[uh];

		r = (ua << 9) + (a & 0x1FFu) * (ztflm_sigmoid16[uh + 1u] - ua);
	}
	r = v >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1u;
	return (int16_t)(r >> 10);
}

static inline int16_t ztflm_tanh16(int32_t v)
{
	const uint32_t a = (uint32_t)(v < 0 ? -v : v);
	const uint32_t uh = a >> 8;
	int32_t r = 0xFFFF << 8;

	if (uh < 255u) {
		const uint32_t ua = ztflm_sigmoid16[uh];

		r = (int32_t)((ua << 8) + (a & 0xFFu) * (ztflm_sigmoid16[uh + 1u] - ua));
	}
	r = v >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
	return (int16_t)(r >> 8);
}

#endif /* ZTFLM_KERNELS_COMMON_SIGMOID16_H_ */
