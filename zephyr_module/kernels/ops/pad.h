/* PAD and PADV2: parameters and the compute variants (data movement by element size). */
#ifndef ZTFLM_KERNELS_OPS_PAD_H_
#define ZTFLM_KERNELS_OPS_PAD_H_

#include <stdint.h>

#include <ztflm/op.h>

/* TFLM pads tensors of rank up to 5. */
#define ZTFLM_PAD_MAX_DIMS 5

/* One dimension: before + in + after output elements. */
struct ztflm_pad_dim {
	uint32_t in;
	uint32_t before;
	uint32_t after;
};

/*
 * ndims dimensions, outermost first, stored right after this header (see ztflm_pad_dims).
 * Neighbouring dimensions without padding are fused.
 */
struct ztflm_pad_params {
	int32_t value; /**< pad value without a constant_values input: 0, or the int8 zero point */
	uint32_t ndims;
};

static inline const struct ztflm_pad_dim *ztflm_pad_dims(const struct ztflm_pad_params *p)
{
	return (const struct ztflm_pad_dim *)(const void *)(p + 1);
}

extern const struct ztflm_variant ztflm_pad_f32_ref;
extern const struct ztflm_variant ztflm_pad_s8_ref;
extern const struct ztflm_variant ztflm_pad_s16_ref;
extern const struct ztflm_variant ztflm_pad_s32_ref;

#endif /* ZTFLM_KERNELS_OPS_PAD_H_ */
