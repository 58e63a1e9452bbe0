/* LOG_SOFTMAX along the last axis: float32, and int8 at TFLM's output quantization. */
#include <math.h>

#include "common/quant.h"
#include "ops/log_softmax.h"

#define DIFF_BITS 5 /* the differences in Q5.26 */
/* Longer rows can pass 2^31 in TFLM's Q12.19 sum of exps, whose log then shifts by -1. */
#define MAX_DEPTH 4095

/* TFLM PreprocessLogSoftmaxScalingExp (beta 1) and CalculateInputRadius, in double. */
static int quant_params(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			const struct ztflm_tensor *out, struct ztflm_log_softmax_params *p)
{
	ZTFLM_CHECK(ctx, out->scale == 16.0f / 256.0f && out->zero_point == 127,
		    ZTFLM_ERR_UNSUPPORTED, "int8 output must have scale 1/16 and zero point 127");
	ZTFLM_CHECK(ctx, p->rows.depth <= MAX_DEPTH, ZTFLM_ERR_UNSUPPORTED,
		    "int8 rows longer than %d are not supported", MAX_DEPTH);
	double real = (double)in->scale * (double)(1 << (31 - DIFF_BITS));

	if (real > (double)((1LL << 31) - 1)) {
		real = (double)((1LL << 31) - 1);
	}
	ztflm_quantize_multiplier(real, &p->input_multiplier, &p->input_left_shift);
	/* TFLM's QuantizeMultiplierGreaterThanOne and SmallerThanOneExp abort outside these. */
	const double reverse = real > 1.0 ? (double)(1LL << (31 - p->input_left_shift)) /
						    (double)p->input_multiplier
					  : 0.0;

	ZTFLM_CHECK(ctx, real > 1.0 && reverse < 1.0, ZTFLM_ERR_UNSUPPORTED,
		    "the input scale is too small (TFLM aborts on it)");
	ztflm_quantize_multiplier(reverse, &p->reverse_multiplier, &p->reverse_shift);
	p->diff_min = -(int32_t)floor(((1 << DIFF_BITS) - 1) *
				      (double)(1LL << (31 - DIFF_BITS)) /
				      (double)(1LL << p->input_left_shift));
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const int rc = ztflm_last_axis_parse(ctx, io, ZTFLM_MAX_DIMS, params);

	if (rc != ZTFLM_OK || io->in[0].type == ZTFLM_FLOAT32) {
		return rc;
	}
	return quant_params(ctx, &io->in[0], &io->out[0], params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_log_softmax_s8_ref,
	&ztflm_log_softmax_f32_ref,
};

const struct ztflm_op ztflm_op_log_softmax = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_LOG_SOFTMAX,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_log_softmax_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
