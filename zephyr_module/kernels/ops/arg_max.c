/* ARG_MAX: float32 and int8 input, int32 (TFLM's) or int64 (TensorFlow's default) output. */
#include "ops/arg_min_max.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_arg_max_f32_s32_ref,
	&ztflm_arg_max_f32_s64_ref,
	&ztflm_arg_max_s8_s32_ref,
	&ztflm_arg_max_s8_s64_ref,
};

const struct ztflm_op ztflm_op_arg_max = ZTFLM_ARG_MIN_MAX_OP(ARG_MAX, variants);
