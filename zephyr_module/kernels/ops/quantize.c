/* QUANTIZE: float32 to int8 and int16, and the integer requantizations TFLM runs. */
#include "common/quant.h"
#include "ops/quantize.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_quantize_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];

	ZTFLM_CHECK(ctx, out->scale_count == 1, ZTFLM_ERR_UNSUPPORTED,
		    "the output needs one scale (per-tensor quantization), has %d",
		    (int)out->scale_count);
	const int rc = ztflm_unary_parse(ctx, io, params);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	p->output_scale = out->scale;
	p->output_zero_point = out->zero_point;
	p->input_zero_point = in->zero_point;
	if (in->type == ZTFLM_FLOAT32) {
		return ZTFLM_OK;
	}
	const double real = (double)in->scale / (double)out->scale;

	/* Written so that NaN fails too. */
	ZTFLM_CHECK(ctx, real >= 0.0 && real <= 1e300, ZTFLM_ERR_MODEL,
		    "input scale %s output scale is not a positive finite ratio", "over");
	ztflm_quantize_multiplier(real, &p->multiplier, &p->shift);
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	return ZTFLM_OK;
}

/* The (input, output) pairs TFLM's eval handles. */
static const struct ztflm_variant *const variants[] = {
	&ztflm_quantize_f32_s8_ref,
	&ztflm_quantize_f32_s16_ref,
	&ztflm_quantize_s8_s8_ref,
	&ztflm_quantize_s8_u8_ref,
	&ztflm_quantize_s8_s16_ref,
	&ztflm_quantize_s8_s32_ref,
	&ztflm_quantize_u8_s8_ref,
	&ztflm_quantize_s16_s8_ref,
	&ztflm_quantize_s16_s16_ref,
	&ztflm_quantize_s16_s32_ref,
	&ztflm_quantize_s32_s8_ref,
	&ztflm_quantize_s32_s16_ref,
};

const struct ztflm_op ztflm_op_quantize = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_QUANTIZE,
	ZTFLM_UNARY_IO,
	.params_bytes = sizeof(struct ztflm_quantize_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
