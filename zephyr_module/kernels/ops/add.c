/* ADD: element-wise with broadcasting; int8, int16, int32 and float32. */
#include "ops/add_sub.h"

static int int32_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
		       void *params)
{
	struct ztflm_add_sub_params *p = params;

	(void)act;
	ZTFLM_CHECK(ctx, io->in[0].scale_count == 0 && io->in[1].scale_count == 0,
		    ZTFLM_ERR_UNSUPPORTED, "int32 inputs must not be quantized");
	/* TFLM ignores the fused activation of an int32 ADD. */
	p->act.q.min = INT32_MIN;
	p->act.q.max = INT32_MAX;
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_add_sub_parse(ctx, io, int32_setup);
}

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_add_s8_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_add_s8_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_add_s8_cmsis_nn)
	ZTFLM_CMSIS_NN(&ztflm_add_s16_cmsis_nn)
	&ztflm_add_s8_ref,
	&ztflm_add_s16_ref,
	&ztflm_add_s32_ref,
	&ztflm_add_f32_ref,
};

const struct ztflm_op ztflm_op_add = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_ADD,
	.options = ZTFLM_OPTIONS_ADD,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
