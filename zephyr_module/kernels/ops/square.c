/* SQUARE: element-wise, float32 (the only type TFLM takes). */
#include "ops/math.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_square_f32_ref,
};

const struct ztflm_op ztflm_op_square = ZTFLM_UNARY_PLAIN_OP(ZTFLM_OP_SQUARE, variants);
