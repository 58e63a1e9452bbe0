/* SOFTMAX: int8 to int8 or int16, and float32, as TFLM's CalculateSoftmaxParams allows. */
#include <math.h>

#include <ztflm/schema.h>

#include "ops/softmax.h"

/* TFLM PreprocessSoftmaxScaling and CalculateInputRadius, in double. */
static int quant_params(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_softmax_params *p)
{
	const struct ztflm_tensor *out = &io->out[0];

	if (out->type == ZTFLM_INT8) {
		ZTFLM_CHECK(ctx, out->zero_point == -128 && out->scale == 1.0f / 256,
			    ZTFLM_ERR_UNSUPPORTED,
			    "int8 output must have scale 1/256 and zero point -128");
	} else {
		ZTFLM_CHECK(ctx, out->zero_point == -32768 &&
				    fabsf(out->scale - 1.0f / 65536) <= 0.001f * 1.0f / 65536,
			    ZTFLM_ERR_UNSUPPORTED,
			    "int16 output must have scale 1/65536 and zero point -32768");
	}
	const double max_real = (double)((1LL << 31) - 1);
	double real = (double)p->beta * (double)io->in[0].scale *
		      (double)(1 << (31 - ZTFLM_SOFTMAX_DIFF_BITS));

	if (real > max_real) {
		real = max_real;
	}
	/* TFLM's QuantizeMultiplierGreaterThanOne aborts on anything else. */
	ZTFLM_CHECK(ctx, real > 1.0, ZTFLM_ERR_UNSUPPORTED,
		    "beta times input scale is too small (below 2^-26)");
	ztflm_quantize_multiplier(real, &p->input_multiplier, &p->input_left_shift);
	ZTFLM_CHECK(ctx, p->input_left_shift >= 0 && p->input_left_shift <= 31,
		    ZTFLM_ERR_UNSUPPORTED, "beta times input scale is out of range");
	const double radius = floor(((1 << ZTFLM_SOFTMAX_DIFF_BITS) - 1) *
				    (double)(1LL << (31 - ZTFLM_SOFTMAX_DIFF_BITS)) /
				    (double)(1LL << p->input_left_shift));

	p->diff_min = (int32_t)(-1.0 * radius);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_softmax_params *p = params;

	ZTFLM_CHECK(ctx, in->dims_count >= 1 && in->elements == out->elements &&
			    out->dims_count == in->dims_count &&
			    out->dims[out->dims_count - 1] == in->dims[in->dims_count - 1],
		    ZTFLM_ERR_MODEL, "output shape differs from the input's");
	p->depth = in->dims[in->dims_count - 1];
	p->outer = p->depth ? (int32_t)(in->elements / (uint32_t)p->depth) : 0;
	p->beta = ztflm_option_f32(ctx, ZTFLM_SOFTMAX_BETA, 0.0f);
	return in->type == ZTFLM_FLOAT32 ? ZTFLM_OK : quant_params(ctx, io, p);
}

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_softmax_s8_arm_mve)
	ZTFLM_ARM_MVE(&ztflm_softmax_s8_s16_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_softmax_s8_arm_dsp)
	ZTFLM_ARM_DSP(&ztflm_softmax_s8_s16_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_softmax_s8_cmsis_nn)
	ZTFLM_CMSIS_NN(&ztflm_softmax_s8_s16_cmsis_nn)
	&ztflm_softmax_s8_ref,
	&ztflm_softmax_s8_s16_ref,
	&ztflm_softmax_f32_ref,
};

const struct ztflm_op ztflm_op_softmax = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SOFTMAX,
	.options = ZTFLM_OPTIONS_SOFTMAX,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_softmax_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
