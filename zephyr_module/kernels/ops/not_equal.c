/* NOT_EQUAL: element-wise with broadcasting into bool; float32, int32, int64, int8 and bool. */
#include "ops/comparison.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_not_equal_s8_ref,
	&ztflm_not_equal_s32_ref,
	&ztflm_not_equal_s64_ref,
	&ztflm_not_equal_f32_ref,
	&ztflm_not_equal_bool_ref,
};

const struct ztflm_op ztflm_op_not_equal = ZTFLM_COMPARISON_OP(ZTFLM_OP_NOT_EQUAL, variants);
