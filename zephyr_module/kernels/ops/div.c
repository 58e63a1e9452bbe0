/* DIV: element-wise with broadcasting; int8, int32 and float32. */
#include <stddef.h>

#include "ops/div.h"

/*
 * The exponent of the int8 quotient's last rescale is headroom + reciprocal shift - the
 * output shift, headroom in [23, 31] and the reciprocal's shift in [0, 7]. Outside these
 * output shifts some exponent is negative or 64 and up, where TFLM shifts by amounts C
 * leaves undefined and computes no quotient at all.
 */
#define DIV_MIN_OUTPUT_SHIFT (-25)
#define DIV_MAX_OUTPUT_SHIFT 23

static int quant_params(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
			void *params)
{
	struct ztflm_div_params *p = params;
	const struct ztflm_tensor *out = &io->out[0];
	/* The released TFLM computes the ratio in double (its sources once did it in float). */
	const double real =
		(double)io->in[0].scale / ((double)io->in[1].scale * (double)out->scale);
	int rc = ztflm_activation_range_quantized(ctx, act, out->scale, out->zero_point, out->type,
						  &p->act.q.min, &p->act.q.max);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ztflm_quantize_multiplier(real, &p->output_multiplier, &p->output_shift);
	ZTFLM_CHECK(ctx,
		    p->output_shift >= DIV_MIN_OUTPUT_SHIFT &&
			    p->output_shift <= DIV_MAX_OUTPUT_SHIFT,
		    ZTFLM_ERR_UNSUPPORTED,
		    "input 0's scale over input 1's and the output's is outside 2^%d to 2^%d",
		    DIV_MIN_OUTPUT_SHIFT - 1, DIV_MAX_OUTPUT_SHIFT);
	p->input1_offset = -io->in[0].zero_point;
	p->input2_offset = -io->in[1].zero_point;
	p->output_offset = out->zero_point;
	return ZTFLM_OK;
}

static int int32_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
		       void *params)
{
	struct ztflm_div_params *p = params;

	ZTFLM_CHECK(ctx, io->in[0].scale_count == 0 && io->in[1].scale_count == 0,
		    ZTFLM_ERR_UNSUPPORTED, "int32 inputs must not be quantized");
	ztflm_activation_range_i32(act, &p->act.q.min, &p->act.q.max);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	(void)unused;
	return ztflm_arith_parse(ctx, io, sizeof(struct ztflm_div_params),
				 offsetof(struct ztflm_div_params, act), int32_setup, quant_params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_div_s8_ref,
	&ztflm_div_s32_ref,
	&ztflm_div_f32_ref,
};

const struct ztflm_op ztflm_op_div = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_DIV,
	.options = ZTFLM_OPTIONS_DIV,
	ZTFLM_BINARY_IO,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
