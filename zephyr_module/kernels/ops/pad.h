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

void ztflm_pad_s8(const struct ztflm_pad_params *p, const int8_t *in, int8_t value, int8_t *out);
void ztflm_pad_s16(const struct ztflm_pad_params *p, const int16_t *in, int16_t value,
		   int16_t *out);
/** Also float32, moved as bit patterns. */
void ztflm_pad_s32(const struct ztflm_pad_params *p, const int32_t *in, int32_t value,
		   int32_t *out);

#endif /* ZTFLM_KERNELS_OPS_PAD_H_ */
