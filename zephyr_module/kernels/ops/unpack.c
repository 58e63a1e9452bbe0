/* UNPACK: the input cut along an axis into its slices, one output each, the axis dropped. */
#include "ops/split.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_rows_stack_parse(ctx, &io->in[0], false);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_unpack_s8_ref,
	&ztflm_unpack_s16_ref,
	&ztflm_unpack_s32_ref,
	&ztflm_unpack_f32_ref,
};

const struct ztflm_op ztflm_op_unpack = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_UNPACK,
	.options = ZTFLM_OPTIONS_UNPACK,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = UINT8_MAX,
	.same_type = ZTFLM_ALL_OUT,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
