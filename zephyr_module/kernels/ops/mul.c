/* MUL: element-wise with broadcasting; int8, int16 (zero point 0), int32 and float32. */
#include <stddef.h>

#include "ops/mul.h"

static int quant_params(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
			void *params)
{
	struct ztflm_mul_params *p = params;
	const struct ztflm_tensor *out = &io->out[0];

	if (out->type == ZTFLM_INT16) {
		for (int32_t i = 0; i < 3; i++) {
			const struct ztflm_tensor *t = i < 2 ? &io->in[i] : out;

			ZTFLM_CHECK(ctx, t->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
				    "int16 tensor %d needs a zero point of 0, not %d", (int)t->index,
				    (int)t->zero_point);
		}
	}
	int rc = ztflm_activation_range_quantized(ctx, act, out->scale, out->zero_point, out->type,
						  &p->act.q.min, &p->act.q.max);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	const double real = (double)io->in[0].scale * (double)io->in[1].scale / (double)out->scale;

	ztflm_quantize_multiplier(real, &p->output_multiplier, &p->output_shift);
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->output_shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input scales");
	p->input1_offset = -io->in[0].zero_point;
	p->input2_offset = -io->in[1].zero_point;
	p->output_offset = out->zero_point;
	return ZTFLM_OK;
}

static int int32_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
		       void *params)
{
	struct ztflm_mul_params *p = params;

	/* No rescaling. */
	(void)ctx;
	(void)io;
	ztflm_activation_range_i32(act, &p->act.q.min, &p->act.q.max);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_arith_parse(ctx, io, sizeof(struct ztflm_mul_params),
				 offsetof(struct ztflm_mul_params, act), int32_setup, quant_params);
}

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_mul_s8_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_mul_s8_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_mul_s8_cmsis_nn)
	ZTFLM_CMSIS_NN(&ztflm_mul_s16_cmsis_nn)
	&ztflm_mul_s8_ref,
	&ztflm_mul_s16_ref,
	&ztflm_mul_s32_ref,
	&ztflm_mul_f32_ref,
};

const struct ztflm_op ztflm_op_mul = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_MUL,
	.options = ZTFLM_OPTIONS_MUL,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
