/* AVERAGE_POOL_2D: int8 and float32 pooling over 4-D NHWC tensors. */
#include <ztflm/schema.h>

#include "ops/pooling.h"

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_average_pool_2d_s8_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_average_pool_2d_s8_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_average_pool_2d_s8_cmsis_nn)
	&ztflm_average_pool_2d_s8_ref,
	&ztflm_average_pool_2d_f32_ref,
};

const struct ztflm_op ztflm_op_average_pool_2d = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_AVERAGE_POOL_2D,
	.options = ZTFLM_OPTIONS_POOL_2D,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_pool_params),
	.parse = ztflm_pool_parse,
	ZTFLM_OP_VARIANTS(variants),
};
