/* MAXIMUM: element-wise with broadcasting; int8, int16, int32, int64 and float32. */
#include "ops/maximum_minimum.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_maximum_s8_ref,
	&ztflm_maximum_s16_ref,
	&ztflm_maximum_s32_ref,
	&ztflm_maximum_s64_ref,
	&ztflm_maximum_f32_ref,
};

const struct ztflm_op ztflm_op_maximum = ZTFLM_BINARY_PLAIN_OP(ZTFLM_OP_MAXIMUM, variants);
