/* MEAN over the given axes: int8 and int16 rescaled with 1/count folded in, float32. */
#include "ops/reduce.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_mean_s8_ref,
	&ztflm_mean_s16_ref,
	&ztflm_mean_f32_ref,
};

const struct ztflm_op ztflm_op_mean = ZTFLM_REDUCER_OP(MEAN, variants, ZTFLM_IN(0) | ZTFLM_OUT(0));
