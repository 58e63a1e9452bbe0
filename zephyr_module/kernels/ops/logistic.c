/* LOGISTIC: int8 (output zero point -128), int16 (TFLM's table) and float32. */
#include "ops/q4_activation.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return ztflm_q4_parse(ctx, io, params, -128, 1);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_logistic_s8_ref,
	&ztflm_logistic_s16_ref,
	&ztflm_logistic_f32_ref,
};

const struct ztflm_op ztflm_op_logistic = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_LOGISTIC,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_q4_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
