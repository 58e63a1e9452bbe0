/* MIRROR_PAD: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_MIRROR_PAD_H_
#define ZTFLM_KERNELS_OPS_MIRROR_PAD_H_

#include <ztflm/op.h>

#include "ops/pad.h"

/*
 * rank dimensions (struct ztflm_pad_dim, outermost first) follow this header in the op data.
 * Output element o of a dimension is input element before + offset - 1 - o in the leading
 * padding, o - before inside, and in - 1 - offset - (o - before - in) in the trailing one.
 */
struct ztflm_mirror_pad_params {
	uint32_t rank;
	uint32_t offset; /**< 1: REFLECT (the edge is not repeated), 0: SYMMETRIC */
};

static inline const struct ztflm_pad_dim *
ztflm_mirror_pad_dims(const struct ztflm_mirror_pad_params *p)
{
	return (const struct ztflm_pad_dim *)(const void *)(p + 1);
}

extern const struct ztflm_variant ztflm_mirror_pad_s8_ref;
extern const struct ztflm_variant ztflm_mirror_pad_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_MIRROR_PAD_H_ */
