/* FILL: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_FILL_H_
#define ZTFLM_KERNELS_OPS_FILL_H_

#include <ztflm/op.h>

struct ztflm_fill_params {
	uint32_t count; /**< output elements */
};

extern const struct ztflm_variant ztflm_fill_s8_ref;
extern const struct ztflm_variant ztflm_fill_s32_ref;
extern const struct ztflm_variant ztflm_fill_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_FILL_H_ */
