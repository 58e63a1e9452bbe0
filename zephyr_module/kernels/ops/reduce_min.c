/* REDUCE_MIN over the given axes; int8 (same quantization in and out) and float32. */
#include "ops/reduce.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_reduce_min_s8_ref,
	&ztflm_reduce_min_f32_ref,
};

const struct ztflm_op ztflm_op_reduce_min = ZTFLM_REDUCER_OP(REDUCE_MIN, variants, 0);
