/* REDUCE_ALL (logical and) of bool tensors over the given axes. */
#include "ops/reduce.h"

static const struct ztflm_variant *const variants[] = {
	&ztflm_reduce_all_bool_ref,
};

const struct ztflm_op ztflm_op_reduce_all = ZTFLM_REDUCER_OP(REDUCE_ALL, variants, 0);
