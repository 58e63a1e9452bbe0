/* PACK: N tensors of one shape stacked along a new axis of the output. */
#include "ops/pack.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_rows_stack_parse(ctx, &io->out[0], true);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_pack_s8_ref,  &ztflm_pack_s16_ref, &ztflm_pack_s32_ref,
	&ztflm_pack_s64_ref, &ztflm_pack_f32_ref,
};

const struct ztflm_op ztflm_op_pack = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_PACK,
	.options = ZTFLM_OPTIONS_PACK,
	.inputs_min = 1,
	.inputs_max = UINT8_MAX,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_ALL_IN | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
