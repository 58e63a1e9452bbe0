/* FLOOR_MOD: element-wise with broadcasting; float32 (TFLM takes no other type). */
#include "ops/floor_div_mod.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_floor_mod_f32_ref,
};

const struct ztflm_op ztflm_op_floor_mod = ZTFLM_BINARY_PLAIN_OP(ZTFLM_OP_FLOOR_MOD, variants);
