/* MINIMUM: element-wise with broadcasting; int8, int16, int32, int64 and float32. */
#include "ops/maximum_minimum.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_minimum_s8_ref,
	&ztflm_minimum_s16_ref,
	&ztflm_minimum_s32_ref,
	&ztflm_minimum_s64_ref,
	&ztflm_minimum_f32_ref,
};

const struct ztflm_op ztflm_op_minimum = ZTFLM_BINARY_PLAIN_OP(ZTFLM_OP_MINIMUM, variants);
