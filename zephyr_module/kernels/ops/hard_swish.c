/* HARD_SWISH: int8 and float32, as TFLM's HardSwishPrepare scales the int8 arithmetic. */
#include "common/quant.h"
#include "ops/hard_swish.h"

/* TFLM QuantizeMultiplier then DownScaleInt32ToInt16Multiplier: a Q15 multiplier. */
static void q15_multiplier(double real, int32_t *m, int32_t *exponent)
{
	int32_t m32;

	ztflm_quantize_multiplier(real, &m32, exponent);
	*m = m32 >= INT32_MAX - (1 << 15) ? INT16_MAX : (m32 + (1 << 15)) >> 16;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_hard_swish_params *p = params;
	const int rc = ztflm_unary_parse(ctx, io, params);

	if (rc != ZTFLM_OK || io->in[0].type == ZTFLM_FLOAT32) {
		return rc;
	}
	/* TFLM divides in float, then widens the quotients to double. */
	const float hires_input_scale = (1.0f / 128.0f) * io->in[0].scale;
	const float reluish_scale = 3.0f / 32768.0f;

	p->input_zero_point = io->in[0].zero_point;
	p->output_zero_point = io->out[0].zero_point;
	q15_multiplier((double)(hires_input_scale / io->out[0].scale), &p->output_multiplier,
		       &p->output_exponent);
	q15_multiplier((double)(hires_input_scale / reluish_scale), &p->reluish_multiplier,
		       &p->reluish_exponent);
	ZTFLM_CHECK(ctx, p->output_exponent <= 0, ZTFLM_ERR_UNSUPPORTED,
		    "input scale over 128 times the output scale is not supported");
	/* Its saturating shift of the int16 input by exponent - 1 needs that below 31. */
	ZTFLM_CHECK(ctx, p->reluish_exponent <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large");
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_hard_swish_s8_ref,
	&ztflm_hard_swish_f32_ref,
};

const struct ztflm_op ztflm_op_hard_swish = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_HARD_SWISH,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_hard_swish_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
