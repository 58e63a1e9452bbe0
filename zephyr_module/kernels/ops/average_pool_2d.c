/* AVERAGE_POOL_2D: int8, int16 and float32 pooling over 4-D NHWC tensors. */
#include "ops/pooling.h"

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_average_pool_2d_s8_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_average_pool_2d_s8_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_average_pool_2d_s8_cmsis_nn, &ztflm_average_pool_2d_s16_cmsis_nn)
	&ztflm_average_pool_2d_s8_ref,
	&ztflm_average_pool_2d_s16_ref,
	&ztflm_average_pool_2d_f32_ref,
};

const struct ztflm_op ztflm_op_average_pool_2d = ZTFLM_POOL_OP(AVERAGE_POOL_2D, variants);
