/* PRELU: a learned slope per element, broadcast; int8 and int16 (int8 slopes) and float32. */
#include "common/quant.h"
#include "ops/prelu.h"

/* TFLM QuantizeMultiplier of a ratio it computes in double; shifts past 31 lose every bit. */
static int multiplier(struct ztflm_context *ctx, double real, int32_t *m, int32_t *shift)
{
	ztflm_quantize_multiplier(real, m, shift);
	ZTFLM_CHECK(ctx, *shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the input or alpha scale is too large for the output scale");
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *alpha = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	const uint8_t alpha_type = in->type == ZTFLM_FLOAT32 ? ZTFLM_FLOAT32 : ZTFLM_INT8;
	struct ztflm_prelu_params *p;

	(void)unused;
	/* TFLM reads alpha as this type whatever it is. */
	ZTFLM_CHECK(ctx, alpha->type == alpha_type, ZTFLM_ERR_UNSUPPORTED,
		    "alpha has type %s, TFLM reads it as %s", ztflm_type_name(alpha->type),
		    ztflm_type_name(alpha_type));
	/* TFLM's float kernel extends every shape to rank 4 and crashes above it. */
	ZTFLM_CHECK(ctx, in->type != ZTFLM_FLOAT32 ||
			    (in->dims_count <= 4 && alpha->dims_count <= 4 && out->dims_count <= 4),
		    ZTFLM_ERR_UNSUPPORTED, "float32 tensors of rank above 4 are not supported");
	int rc = ztflm_binary_parse(ctx, io, sizeof(*p), (void **)&p);

	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	p->input_offset = -in->zero_point;
	p->alpha_offset = -alpha->zero_point;
	p->output_offset = out->zero_point;
	p->min = in->type == ZTFLM_INT8 ? INT8_MIN : INT16_MIN;
	p->max = in->type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;
	rc = multiplier(ctx, (double)in->scale / (double)out->scale, &p->identity_multiplier,
			&p->identity_shift);
	if (rc == ZTFLM_OK) {
		rc = multiplier(ctx, (double)in->scale * (double)alpha->scale / (double)out->scale,
				&p->alpha_multiplier, &p->alpha_shift);
	}
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_prelu_s8_ref,
	&ztflm_prelu_s16_ref,
	&ztflm_prelu_f32_ref,
};

const struct ztflm_op ztflm_op_prelu = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_PRELU,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
