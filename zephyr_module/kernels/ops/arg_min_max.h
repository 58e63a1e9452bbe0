/* ARG_MAX and ARG_MIN: parameters, parse and compute variants (reduction family, one axis). */
#ifndef ZTFLM_KERNELS_OPS_ARG_MIN_MAX_H_
#define ZTFLM_KERNELS_OPS_ARG_MIN_MAX_H_

#include "ops/reduce.h"

/* The position along the axis of the first largest (smallest) value; op data is this and the
 * nest, whose one reduced loop is the axis. */
struct ztflm_arg_min_max_params {
	struct ztflm_reduce reduce;
};

/** The parse of both: the first entry of input 1 is the axis, which output 0 drops. */
int ztflm_arg_min_max_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused);

/** The descriptor of NAME (ARG_MAX, ARG_MIN) over its variants. */
#define ZTFLM_ARG_MIN_MAX_OP(NAME, table)                                                          \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = ZTFLM_OP_##NAME,                                                        \
		.options = ZTFLM_OPTIONS_##NAME,                                                   \
		.inputs_min = 2,                                                                   \
		.inputs_max = 2,                                                                   \
		.outputs_min = 1,                                                                  \
		.outputs_max = 1,                                                                  \
		.parse = ztflm_arg_min_max_parse,                                                  \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

extern const struct ztflm_variant ztflm_arg_max_f32_s32_ref;
extern const struct ztflm_variant ztflm_arg_max_f32_s64_ref;
extern const struct ztflm_variant ztflm_arg_max_s8_s32_ref;
extern const struct ztflm_variant ztflm_arg_max_s8_s64_ref;
extern const struct ztflm_variant ztflm_arg_min_f32_s32_ref;
extern const struct ztflm_variant ztflm_arg_min_f32_s64_ref;
extern const struct ztflm_variant ztflm_arg_min_s8_s32_ref;
extern const struct ztflm_variant ztflm_arg_min_s8_s64_ref;

#endif /* ZTFLM_KERNELS_OPS_ARG_MIN_MAX_H_ */
