/* REVERSE_V2: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_REVERSE_V2_H_
#define ZTFLM_KERNELS_OPS_REVERSE_V2_H_

#include "ops/strided.h"

struct ztflm_reverse_v2_params {
	struct ztflm_strided nest; /**< the input walked backwards along the axes */
	uint32_t axes_at_eval;     /**< the axes are computed at run time: plan the nest then */
	uint32_t rank;
	int32_t dims[ZTFLM_MAX_DIMS];
};

/**
 * The nest reversing the axes listed in axes (count entries, negative ones counted from the
 * end) of a tensor of shape p->dims; a message and ZTFLM_ERR_MODEL when an axis is out of
 * range or repeated.
 */
int ztflm_reverse_v2_plan(struct ztflm_context *ctx, const struct ztflm_reverse_v2_params *p,
			  struct ztflm_strided *nest, const int32_t *axes, uint32_t count);

extern const struct ztflm_variant ztflm_reverse_v2_s8_ref;
extern const struct ztflm_variant ztflm_reverse_v2_u8_ref;
extern const struct ztflm_variant ztflm_reverse_v2_bool_ref;
extern const struct ztflm_variant ztflm_reverse_v2_s16_ref;
extern const struct ztflm_variant ztflm_reverse_v2_s32_ref;
extern const struct ztflm_variant ztflm_reverse_v2_s64_ref;
extern const struct ztflm_variant ztflm_reverse_v2_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_REVERSE_V2_H_ */
