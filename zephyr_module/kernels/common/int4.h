/* INT4 weights as TFLite stores them: two a byte, the first of a pair in the low nibble. */
#ifndef ZTFLM_KERNELS_COMMON_INT4_H_
#define ZTFLM_KERNELS_COMMON_INT4_H_

#include <stdint.h>

/** Element i of packed INT4 data, sign-extended (TFLM UnpackDenseInt4IntoInt8). */
static inline int8_t ztflm_int4_at(const int8_t *packed, uint32_t i)
{
	const uint8_t byte = (uint8_t)packed[i >> 1];
	const uint8_t nibble = (i & 1u) ? (uint8_t)(byte >> 4) : (uint8_t)(byte & 0x0Fu);

	return (int8_t)((int32_t)(nibble ^ 8u) - 8);
}

/**
 * count elements first, first + stride, ... of packed INT4 data into dst as int8: the
 * weights of one output channel, so that a kernel unpacks a channel at a time (a scratch
 * of one channel's weights, where TFLM unpacks the whole filter into its arena).
 */
static inline void ztflm_int4_unpack(const int8_t *packed, uint32_t first, uint32_t stride,
				     uint32_t count, int8_t *dst)
{
	uint32_t i = first;

	for (uint32_t k = 0; k < count; k++, i += stride) {
		dst[k] = ztflm_int4_at(packed, i);
	}
}

#endif /* ZTFLM_KERNELS_COMMON_INT4_H_ */
