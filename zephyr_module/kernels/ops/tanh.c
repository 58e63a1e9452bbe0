/* TANH: int8 and float32 (TFLM's int8 tanh ignores the output's quantization). */
#include "ops/q4_activation.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return ztflm_q4_parse(ctx, io, params, INT32_MIN);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_tanh_s8_ref,
	&ztflm_tanh_f32_ref,
};

const struct ztflm_op ztflm_op_tanh = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_TANH,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_q4_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
