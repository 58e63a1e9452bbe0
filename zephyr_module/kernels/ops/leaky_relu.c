/* LEAKY_RELU: int8 and int16 (TFLM's two rescales) and float32. */
#include <math.h>

#include "common/quant.h"
#include "ops/leaky_relu.h"

/* TFLM QuantizeMultiplier of a ratio it computes in double; shifts past 31 lose every bit. */
static int multiplier(struct ztflm_context *ctx, double real, int32_t *m, int32_t *shift)
{
	ztflm_quantize_multiplier(real, m, shift);
	ZTFLM_CHECK(ctx, *shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "alpha or the input scale is too large for the output scale");
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_leaky_relu_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	int rc = ztflm_unary_parse(ctx, io, params);

	p->alpha = ztflm_option_f32(ctx, ZTFLM_LEAKY_RELU_ALPHA, 0.0f);
	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	p->input_zero_point = in->zero_point;
	p->output_zero_point = out->zero_point;
	p->min = in->type == ZTFLM_INT8 ? INT8_MIN : INT16_MIN;
	p->max = in->type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;
	/* A negative alpha keeps its sign apart: TFLM multiplies by its magnitude, then negates. */
	p->alpha_negative = p->alpha < 0.0f;
	rc = multiplier(ctx, (double)in->scale * (double)fabsf(p->alpha) / (double)out->scale,
			&p->alpha_multiplier, &p->alpha_shift);
	if (rc == ZTFLM_OK) {
		rc = multiplier(ctx, (double)in->scale / (double)out->scale, &p->identity_multiplier,
				&p->identity_shift);
	}
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_leaky_relu_s8_ref,
	&ztflm_leaky_relu_s16_ref,
	&ztflm_leaky_relu_f32_ref,
};

const struct ztflm_op ztflm_op_leaky_relu = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_LEAKY_RELU,
	.options = ZTFLM_OPTIONS_LEAKY_RELU,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_leaky_relu_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
