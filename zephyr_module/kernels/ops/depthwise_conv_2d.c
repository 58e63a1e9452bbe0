/* DEPTHWISE_CONV_2D: NHWC input, 1HWC filter, each input channel to depth_multiplier outputs. */
#include "common/size.h"
#include "ops/depthwise_conv_2d.h"

ZTFLM_COLD
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *filter = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_dw_conv_params p = {0};
	struct ztflm_dw_conv_params *op;
	struct ztflm_conv_quant q;

	(void)unused;
	ZTFLM_CHECK(ctx, in->dims_count == 4 && filter->dims_count == 4 && out->dims_count == 4,
		    ZTFLM_ERR_MODEL, "input, filter and output must have rank 4, not %d, %d, %d",
		    (int)in->dims_count, (int)filter->dims_count, (int)out->dims_count);
	p.batches = in->dims[0];
	p.input_h = in->dims[1];
	p.input_w = in->dims[2];
	p.input_c = in->dims[3];
	p.filter_h = filter->dims[1];
	p.filter_w = filter->dims[2];
	p.output_c = filter->dims[3];
	p.output_h = out->dims[1];
	p.output_w = out->dims[2];
	p.depth_multiplier = ztflm_option_i32(ctx, ZTFLM_DW_DEPTH_MULTIPLIER, 0);
	ZTFLM_CHECK(ctx, filter->dims[0] >= 1, ZTFLM_ERR_MODEL, "filter dimension 0 is %d",
		    (int)filter->dims[0]);
	ZTFLM_CHECK(ctx, out->dims[0] == p.batches, ZTFLM_ERR_MODEL,
		    "output has %d batches but the input %d", (int)out->dims[0], (int)p.batches);
	ZTFLM_CHECK(ctx, out->dims[3] == p.output_c, ZTFLM_ERR_MODEL,
		    "filter has %d output channels but the output %d", (int)p.output_c,
		    (int)out->dims[3]);
	ZTFLM_CHECK(ctx,
		    p.depth_multiplier > 0 &&
			    (int64_t)p.input_c * p.depth_multiplier == (int64_t)p.output_c,
		    ZTFLM_ERR_MODEL, "%d input channels times depth multiplier %d are not %d",
		    (int)p.input_c, (int)p.depth_multiplier, (int)p.output_c);
	p.stride_h = ztflm_option_i32(ctx, ZTFLM_DW_STRIDE_H, 0);
	p.stride_w = ztflm_option_i32(ctx, ZTFLM_DW_STRIDE_W, 0);
	p.dilation_h = ztflm_option_i32(ctx, ZTFLM_DW_DILATION_H, 1);
	p.dilation_w = ztflm_option_i32(ctx, ZTFLM_DW_DILATION_W, 1);
	int rc = ztflm_conv_window(ctx, ztflm_option_i8(ctx, ZTFLM_DW_PADDING, ZTFLM_PADDING_SAME),
				   p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.input_h,
				   p.input_w, p.filter_h, p.filter_w, p.output_h, p.output_w,
				   &p.pad_h, &p.pad_w);

	if (rc == ZTFLM_OK) {
		rc = ztflm_conv_setup(ctx, io,
				      ztflm_option_i8(ctx, ZTFLM_DW_ACTIVATION, ZTFLM_ACT_NONE),
				      p.output_c, sizeof(p), ZTFLM_CONV_BIAS64, &q, (void **)&op);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CONV_QUANT_SET(p, q);
	*op = p;
	return ZTFLM_OK;
}

ZTFLM_CONV_EVAL(ztflm_depthwise_conv_2d_s8_eval, struct ztflm_dw_conv_params,
		ztflm_depthwise_conv_2d_s8_fn, output_c)

ZTFLM_CONV_EVAL(ztflm_depthwise_conv_2d_s16_eval, struct ztflm_dw_conv_params,
		ztflm_depthwise_conv_2d_s16_fn, output_c)

ZTFLM_CONV_INT4(ztflm_depthwise_conv_2d_int4, struct ztflm_dw_conv_params)

uint32_t ztflm_depthwise_conv_2d_int4_scratch(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return p->filter_int4 ? ztflm_size_mul((uint32_t)p->filter_h, (uint32_t)p->filter_w) : 0u;
}

/* INT4 weights first: the int8 variants after them read int8 weights. */
static const struct ztflm_variant *const variants[] = {
	ZTFLM_CMSIS_NN(&ztflm_depthwise_conv_2d_s4_cmsis_nn)
	&ztflm_depthwise_conv_2d_s4_ref,
	ZTFLM_ARM_MVE(&ztflm_depthwise_conv_2d_s8_arm_mve,
		      &ztflm_depthwise_conv_2d_s8_multiplier_arm_mve,
		      &ztflm_depthwise_conv_2d_s16_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_depthwise_conv_2d_s8_arm_dsp, &ztflm_depthwise_conv_2d_s16_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_depthwise_conv_2d_s8_cmsis_nn,
		       &ztflm_depthwise_conv_2d_s16_cmsis_nn)
	/* Helium's two run every int8 node: a depth multiplier of 1, or above. */
	ZTFLM_UNLESS_ARM_MVE(&ztflm_depthwise_conv_2d_s8_ref)
	&ztflm_depthwise_conv_2d_s16_ref,
	&ztflm_depthwise_conv_2d_f32_ref,
};

const struct ztflm_op ztflm_op_depthwise_conv_2d = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_DEPTHWISE_CONV_2D,
	.options = ZTFLM_OPTIONS_DEPTHWISE_CONV_2D,
	.inputs_min = 2,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ZTFLM_IN(2),
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
