/* TANH: int8 (TFLM's ignores the output's quantization), int16 (TFLM's table), float32. */
#include "ops/q4_activation.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return ztflm_q4_parse(ctx, io, params, INT32_MIN, 2);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_tanh_s8_ref,
	&ztflm_tanh_s16_ref,
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
