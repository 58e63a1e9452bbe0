/*
 * SPLIT, SPLIT_V and UNPACK: the input cut along an axis into the outputs (rows split; the op
 * data is a struct ztflm_rows), and their compute variants.
 */
#ifndef ZTFLM_KERNELS_OPS_SPLIT_H_
#define ZTFLM_KERNELS_OPS_SPLIT_H_

#include "ops/rows.h"

/**
 * The rows of a split of input whole along the axis of the constant int32 tensor axis_input
 * (one entry, negative from the end): every output has the input's shape but along the
 * axis, where they add up to the input's dimension.
 */
int ztflm_split_parse(struct ztflm_context *ctx, const struct ztflm_tensor *in,
		      const struct ztflm_tensor *axis_input, int32_t whole, int32_t *axis);

extern const struct ztflm_variant ztflm_split_s8_ref;
extern const struct ztflm_variant ztflm_split_s16_ref;
extern const struct ztflm_variant ztflm_split_s32_ref;
extern const struct ztflm_variant ztflm_split_f32_ref;

extern const struct ztflm_variant ztflm_split_v_s8_ref;
extern const struct ztflm_variant ztflm_split_v_s16_ref;
extern const struct ztflm_variant ztflm_split_v_s32_ref;
extern const struct ztflm_variant ztflm_split_v_f32_ref;

extern const struct ztflm_variant ztflm_unpack_s8_ref;
extern const struct ztflm_variant ztflm_unpack_s16_ref;
extern const struct ztflm_variant ztflm_unpack_s32_ref;
extern const struct ztflm_variant ztflm_unpack_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SPLIT_H_ */
