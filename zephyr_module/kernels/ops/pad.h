/* PAD and PADV2: parameters and compute functions (by element size). */
#ifndef ZTFLM_KERNELS_OPS_PAD_H_
#define ZTFLM_KERNELS_OPS_PAD_H_

#include <stdint.h>

/* TFLM pads tensors of rank up to 5. */
#define ZTFLM_PAD_MAX_DIMS 5

/* One dimension: before + in + after output elements. */
struct ztflm_pad_dim {
	uint32_t in;
	uint32_t before;
	uint32_t after;
};

/*
 * ndims dimensions, outermost first, stored right after this header (see
 * ztflm_pad_dims). Neighbouring dimensions without padding are fused.
 */
struct ztflm_pad_params {
	uint32_t ndims;
};

static inline const struct ztflm_pad_dim *ztflm_pad_dims(const struct ztflm_pad_params *p)
{
	return (const struct ztflm_pad_dim *)(const void *)(p + 1);
}

/**
 * Pads elements of size bytes (1, 2 or 4: int8, int16, int32 and float32 alike, moved as
 * bit patterns); value points at one element of padding.
 */
void ztflm_pad(const struct ztflm_pad_params *p, uint32_t size, const void *in, const void *value,
	       void *out);

#endif /* ZTFLM_KERNELS_OPS_PAD_H_ */
