/* RELU: int8 and int16 (rescaled to the output's quantization) and float32. */
#include "common/quant.h"
#include "ops/relu.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_relu_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	const int rc = ztflm_unary_parse(ctx, io, params);

	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	for (int32_t i = 0; i < 2 && in->type == ZTFLM_INT16; i++) {
		const struct ztflm_tensor *t = i == 0 ? in : out;

		ZTFLM_CHECK(ctx, t->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "int16 tensor %d needs a zero point of 0, not %d", (int)t->index,
			    (int)t->zero_point);
	}
	/* TFLM divides in float before widening. */
	const float real = in->scale / out->scale;

	ZTFLM_CHECK(ctx, real <= 3.4e38f, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	ztflm_quantize_multiplier((double)real, &p->multiplier, &p->shift);
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	p->input_zero_point = in->zero_point;
	p->output_zero_point = out->zero_point;
	/* Zero in the output's quantization is its zero point; no upper bound. */
	p->act_min = out->zero_point;
	p->act_max = out->type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_relu_s8_ref,
	&ztflm_relu_s16_ref,
	&ztflm_relu_f32_ref,
};

const struct ztflm_op ztflm_op_relu = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_RELU,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_relu_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
