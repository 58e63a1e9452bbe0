/* LOGICAL_NOT: element-wise, bool only (as TFLM). */
#include "ops/logical.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_logical_not_bool_ref,
};

const struct ztflm_op ztflm_op_logical_not = ZTFLM_UNARY_PLAIN_OP(ZTFLM_OP_LOGICAL_NOT, variants);
