/* LOGICAL_OR: element-wise with broadcasting, bool only (as TFLM). */
#include "ops/logical.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_logical_or_bool_ref,
};

const struct ztflm_op ztflm_op_logical_or = ZTFLM_BINARY_PLAIN_OP(ZTFLM_OP_LOGICAL_OR, variants);
