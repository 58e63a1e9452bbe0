/* SQUARED_DIFFERENCE: element-wise with broadcasting; int8, int16, int32 and float32. */
#include "ops/squared_difference.h"

static int quant_params(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_squared_difference_params *p)
{
	const struct ztflm_tensor *in1 = &io->in[0];
	const struct ztflm_tensor *in2 = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	const bool is_int16 = out->type == ZTFLM_INT16;

	for (int32_t i = 0; i < 3 && is_int16; i++) {
		const struct ztflm_tensor *t = i < 2 ? &io->in[i] : out;

		ZTFLM_CHECK(ctx, t->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "int16 tensor %d needs a zero point of 0, not %d", (int)t->index,
			    (int)t->zero_point);
	}
	/* 255^2 << 14 (int8) and 32767^2 (int16) are the largest squares that fit 31 bits. */
	p->left_shift = is_int16 ? 0 : 7;
	p->input1_offset = -in1->zero_point;
	p->input2_offset = -in2->zero_point;
	p->output_offset = out->zero_point;
	p->min = is_int16 ? INT16_MIN : INT8_MIN;
	p->max = is_int16 ? INT16_MAX : INT8_MAX;

	const double twice_max =
		2.0 * (double)(in1->scale < in2->scale ? in2->scale : in1->scale);
	/* TFLM multiplies the int 2^(2 * left_shift) by the float scale: a float product. */
	const float shifted_scale = (float)(1 << (2 * p->left_shift)) * out->scale;
	/* Both at most 1/2 (the scales are positive, checked by the descriptor). */
	ztflm_quantize_multiplier((double)in1->scale / twice_max, &p->input1_multiplier,
				  &p->input1_shift);
	ztflm_quantize_multiplier((double)in2->scale / twice_max, &p->input2_multiplier,
				  &p->input2_shift);
	ztflm_quantize_multiplier(twice_max * twice_max / (double)shifted_scale,
				  &p->output_multiplier, &p->output_shift);
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->output_shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the output scale is too small for the input scales");
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	struct ztflm_squared_difference_params *p;
	int rc;

	/* int32 and float32 need no parameters; TFLM ignores an int32 quantization. */
	if (io->out[0].type != ZTFLM_INT8 && io->out[0].type != ZTFLM_INT16) {
		return ztflm_binary_parse_plain(ctx, io, unused);
	}
	rc = ztflm_binary_parse(ctx, io, sizeof(*p), (void **)&p);
	return rc == ZTFLM_OK ? quant_params(ctx, io, p) : rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_squared_difference_s8_ref,
	&ztflm_squared_difference_s16_ref,
	&ztflm_squared_difference_s32_ref,
	&ztflm_squared_difference_f32_ref,
};

const struct ztflm_op ztflm_op_squared_difference = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SQUARED_DIFFERENCE,
	ZTFLM_BINARY_IO,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
