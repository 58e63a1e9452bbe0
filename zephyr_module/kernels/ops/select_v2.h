/* SELECT_V2: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_SELECT_V2_H_
#define ZTFLM_KERNELS_OPS_SELECT_V2_H_

#include <ztflm/op.h>

/* One loop over the output: count iterations, each input stepping its stride (0: broadcast). */
struct ztflm_select_dim {
	uint32_t count;
	uint32_t stride[3]; /**< condition, x, y */
};

/* The output walked in order: ndims loops, innermost first; 0 when it is empty. */
struct ztflm_select_v2_params {
	uint32_t ndims;
	struct ztflm_select_dim dims[ZTFLM_MAX_DIMS];
};

extern const struct ztflm_variant ztflm_select_v2_s8_ref;
extern const struct ztflm_variant ztflm_select_v2_s16_ref;
extern const struct ztflm_variant ztflm_select_v2_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SELECT_V2_H_ */
