/* SUB: element-wise with broadcasting; int8, int16, int32 and float32. */
#include "ops/add_sub.h"

static int int32_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
		       void *params)
{
	struct ztflm_add_sub_params *p = params;

	ZTFLM_CHECK(ctx,
		    io->in[0].scale_count == 0 && io->in[1].scale_count == 0 &&
			    io->out[0].scale_count == 0,
		    ZTFLM_ERR_UNSUPPORTED, "int32 tensors must not be quantized");
	ztflm_activation_range_i32(act, &p->act.q.min, &p->act.q.max);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_add_sub_parse(ctx, io, int32_setup);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_sub_s8_ref,
	&ztflm_sub_s16_ref,
	&ztflm_sub_s32_ref,
	&ztflm_sub_f32_ref,
};

const struct ztflm_op ztflm_op_sub = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SUB,
	.options = ZTFLM_OPTIONS_SUB,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
