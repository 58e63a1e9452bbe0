/* ZEROS_LIKE: an output of the input's type and element count, every element 0. */
#include "ops/zeros_like.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_zeros_like_s8_ref,
	&ztflm_zeros_like_s32_ref,
	&ztflm_zeros_like_s64_ref,
	&ztflm_zeros_like_f32_ref,
};

const struct ztflm_op ztflm_op_zeros_like = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_ZEROS_LIKE,
	.options = ZTFLM_OPTIONS_ZEROS_LIKE,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_unary),
	.parse = ztflm_unary_parse,
	ZTFLM_OP_VARIANTS(variants),
};
