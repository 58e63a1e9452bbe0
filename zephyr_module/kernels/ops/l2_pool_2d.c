/* L2_POOL_2D: float32 root-mean-square pooling over 4-D NHWC tensors (TFLM has no int8). */
#include "ops/pooling.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_l2_pool_2d_f32_ref,
};

const struct ztflm_op ztflm_op_l2_pool_2d = ZTFLM_POOL_OP(L2_POOL_2D, variants);
