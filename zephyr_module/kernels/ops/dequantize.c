/* DEQUANTIZE: int8, int16 and uint8 to float32. */
#include "ops/dequantize.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_dequantize_params *p = params;

	p->scale = io->in[0].scale;
	p->zero_point = io->in[0].zero_point;
	return ztflm_unary_parse(ctx, io, params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_dequantize_s8_f32_ref,
	&ztflm_dequantize_s16_f32_ref,
	&ztflm_dequantize_u8_f32_ref,
};

const struct ztflm_op ztflm_op_dequantize = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_DEQUANTIZE,
	ZTFLM_UNARY_IO,
	.params_bytes = sizeof(struct ztflm_dequantize_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
