/* Byte counts for scratch and op data that saturate instead of wrapping 32 bits, and the
 * like for printing values. */
#ifndef ZTFLM_KERNELS_COMMON_SIZE_H_
#define ZTFLM_KERNELS_COMMON_SIZE_H_

#include <stdint.h>

/*
 * A product of dimensions that passes 2^32 would wrap to a small scratch the kernel then
 * overruns; UINT32_MAX instead stays too large, and ztflm_request_scratch refuses it.
 */
static inline uint32_t ztflm_size_mul(uint32_t a, uint32_t b)
{
	return b != 0u && a > UINT32_MAX / b ? UINT32_MAX : a * b;
}

static inline uint32_t ztflm_size_add(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* An int64 value clamped into int32, to print one that may not fit. */
static inline int32_t ztflm_saturate_i32(int64_t v)
{
	return v < INT32_MIN ? INT32_MIN : (v > INT32_MAX ? INT32_MAX : (int32_t)v);
}

#endif /* ZTFLM_KERNELS_COMMON_SIZE_H_ */
