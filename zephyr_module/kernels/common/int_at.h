/* Entries of the integer vectors operators read from tensors: shapes, indices, axes. */
#ifndef ZTFLM_KERNELS_COMMON_INT_AT_H_
#define ZTFLM_KERNELS_COMMON_INT_AT_H_

#include <string.h>

#include <ztflm/types.h>

/**
 * Entry i of data, a tensor of type INT8, INT16, INT32 or INT64 (the caller checked which).
 * Tensor data carries no alignment promise beyond its type's: every read is a copy.
 */
static inline int64_t ztflm_int_at(const void *data, uint8_t type, uint32_t i)
{
	const uint8_t *p = data;
	int64_t v64;
	int32_t v32;
	int16_t v16;

	switch (type) {
	case ZTFLM_INT8:
		return (int8_t)p[i];
	case ZTFLM_INT16:
		memcpy(&v16, p + 2u * i, sizeof(v16));
		return v16;
	case ZTFLM_INT32:
		memcpy(&v32, p + 4u * i, sizeof(v32));
		return v32;
	default:
		memcpy(&v64, p + 8u * i, sizeof(v64));
		return v64;
	}
}

#endif /* ZTFLM_KERNELS_COMMON_INT_AT_H_ */
