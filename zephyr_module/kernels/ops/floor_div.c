/* FLOOR_DIV: element-wise with broadcasting; float32 (TFLM divides no other type). */
#include "ops/floor_div_mod.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_floor_div_f32_ref,
};

const struct ztflm_op ztflm_op_floor_div = ZTFLM_BINARY_PLAIN_OP(ZTFLM_OP_FLOOR_DIV, variants);
