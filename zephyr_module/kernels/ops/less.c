/* LESS: element-wise with broadcasting into bool; float32, int32, int64 and int8. */
#include "ops/comparison.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_less_s8_ref,
	&ztflm_less_s32_ref,
	&ztflm_less_s64_ref,
	&ztflm_less_f32_ref,
};

const struct ztflm_op ztflm_op_less = ZTFLM_COMPARISON_OP(ZTFLM_OP_LESS, variants);
