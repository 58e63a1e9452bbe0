/* SUM of the elements over the given axes; int8 and int16 rescaled to the output, float32. */
#include "ops/reduce.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_sum_s8_ref,
	&ztflm_sum_s16_ref,
	&ztflm_sum_f32_ref,
};

const struct ztflm_op ztflm_op_sum = ZTFLM_REDUCER_OP(SUM, variants, ZTFLM_IN(0) | ZTFLM_OUT(0));
