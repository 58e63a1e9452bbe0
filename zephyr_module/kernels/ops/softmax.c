/* SOFTMAX: int8 to int8 or int16, and float32, as TFLM's CalculateSoftmaxParams allows. */
#include <math.h>
#include <string.h>

#include <ztflm/schema.h>

#include "common/expf.h"
#include "common/lut16.h"
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

static float exp_f32(float x)
{
	return ztflm_expf(x);
}

static float one_over_one_plus_x(float x)
{
	return 1.0f / (1.0f + x);
}

/*
 * TFLM's CalculateSoftmaxParams for int16 input: the input rescaled so that [-65535, 0] is
 * [-10, 0], and its two tables, filled in the op data as TFLM fills its persistent buffers.
 */
static int int16_params(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_softmax_params *p)
{
	const struct ztflm_tensor *out = &io->out[0];
	int16_t *lut = (int16_t *)(void *)(p + 1);

	ZTFLM_CHECK(ctx, io->in[0].zero_point == 0 && out->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
		    "int16 input and output must have zero point 0");
	ZTFLM_CHECK(ctx, fabsf(out->scale - 1.0f / 32768) <= 0.001f * 1.0f / 32768,
		    ZTFLM_ERR_UNSUPPORTED, "int16 output must have scale 1/32768");
	/* Each exp is at most 32767 and TFLM sums a row's in int32. */
	ZTFLM_CHECK(ctx, p->depth <= 65536, ZTFLM_ERR_UNSUPPORTED,
		    "int16 rows of %d values may overflow TFLM's int32 sum (at most 65536)",
		    (int)p->depth);
	ztflm_quantize_multiplier((double)io->in[0].scale * (double)p->beta / (10.0 / 65535.0),
				  &p->input_multiplier, &p->input_left_shift);
	ZTFLM_CHECK(ctx, p->input_left_shift >= -31 && p->input_left_shift <= 31,
		    ZTFLM_ERR_UNSUPPORTED, "beta times input scale is out of range");
	ztflm_lut16_populate(10.0f / 65535, INT16_MAX, 2.0f / 65535, 0, exp_f32, lut);
	ztflm_lut16_populate(1.0f / 65535, INT16_MIN, 2.0f / 65535, 0, one_over_one_plus_x,
			     lut + ZTFLM_LUT16_SIZE);
	return ZTFLM_OK;
}

/* Op data of its own size: int16 input adds TFLM's two tables (2052 bytes, as TFLM's). */
ZTFLM_COLD
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	/* The generic prepare refused int16 when its kernels are not built: drop its tables too. */
	const bool s16 = ZTFLM_TYPE_BUILT(ZTFLM_INT16) && in->type == ZTFLM_INT16;
	const uint32_t luts = s16 ? 2u * ZTFLM_LUT16_SIZE * sizeof(int16_t) : 0u;

	(void)unused;
	ZTFLM_CHECK(ctx, in->dims_count >= 1 && in->elements == out->elements &&
			    out->dims_count == in->dims_count &&
			    out->dims[out->dims_count - 1] == in->dims[in->dims_count - 1],
		    ZTFLM_ERR_MODEL, "output shape differs from the input's");
	struct ztflm_softmax_params *p =
		ztflm_alloc_op_data(ctx, (uint32_t)sizeof(*p) + luts);

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	memset(p, 0, sizeof(*p));
	p->depth = in->dims[in->dims_count - 1];
	p->outer = p->depth ? (int32_t)(in->elements / (uint32_t)p->depth) : 0;
	p->beta = ztflm_option_f32(ctx, ZTFLM_SOFTMAX_BETA, 0.0f);
	if (in->type == ZTFLM_FLOAT32) {
		return ZTFLM_OK;
	}
	return s16 ? int16_params(ctx, io, p) : quant_params(ctx, io, p);
}

static const struct ztflm_variant *const variants[] = {
	ZTFLM_ARM_MVE(&ztflm_softmax_s8_arm_mve)
	ZTFLM_ARM_MVE(&ztflm_softmax_s8_s16_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_softmax_s8_arm_dsp)
	ZTFLM_ARM_DSP(&ztflm_softmax_s8_s16_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_softmax_s8_cmsis_nn)
	ZTFLM_CMSIS_NN(&ztflm_softmax_s8_s16_cmsis_nn)
	ZTFLM_CMSIS_NN(&ztflm_softmax_s16_cmsis_nn)
	&ztflm_softmax_s8_ref,
	&ztflm_softmax_s8_s16_ref,
	&ztflm_softmax_s16_ref,
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
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
