/* SHAPE: the input's dimensions as an int32 vector. */
#include "ops/shape.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *out = &io->out[0];

	(void)unused;
	/* TFLM writes rank values whatever the output holds. */
	ZTFLM_CHECK(ctx, out->dims_count == 1 && out->dims[0] == io->in[0].dims_count,
		    ZTFLM_ERR_MODEL, "the output must have shape [%d], the input's rank",
		    (int)io->in[0].dims_count);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_shape_s32_ref,
};

const struct ztflm_op ztflm_op_shape = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SHAPE,
	.options = ZTFLM_OPTIONS_SHAPE,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
