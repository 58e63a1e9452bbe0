/* TRANSPOSE_CONV: the transposed (gradient) convolution of an NHWC input by an OHWI filter. */
#include <string.h>

#include "ops/transpose_conv.h"

/* TFLM never reads the output shape tensor; a constant one must still say the output's. */
static int check_output_shape(struct ztflm_context *ctx, const struct ztflm_io *io)
{
	const struct ztflm_tensor *shape = &io->in[0];
	int32_t dims[4];

	ZTFLM_CHECK(ctx, shape->type == ZTFLM_INT32 && shape->elements == 4, ZTFLM_ERR_MODEL,
		    "the output shape is not 4 int32 values");
	if (shape->is_const) {
		memcpy(dims, shape->data, sizeof(dims));
		for (int k = 0; k < 4; k++) {
			ZTFLM_CHECK(ctx, dims[k] == io->out[0].dims[k], ZTFLM_ERR_MODEL,
				    "output shape value %d is %d but the output's dimension is %d",
				    k, (int)dims[k], (int)io->out[0].dims[k]);
		}
	}
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *filter = &io->in[1];
	const struct ztflm_tensor *in = &io->in[2];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_transpose_conv_params p = {0};
	struct ztflm_transpose_conv_params *op;
	int32_t h;
	int32_t w;

	(void)unused;
	ZTFLM_CHECK(ctx, in->dims_count == 4 && filter->dims_count == 4 && out->dims_count == 4,
		    ZTFLM_ERR_MODEL, "input, filter and output must have rank 4, not %d, %d, %d",
		    (int)in->dims_count, (int)filter->dims_count, (int)out->dims_count);
	int rc = check_output_shape(ctx, io);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	p.batches = in->dims[0];
	p.input_h = in->dims[1];
	p.input_w = in->dims[2];
	p.input_c = in->dims[3];
	p.output_c = filter->dims[0];
	p.filter_h = filter->dims[1];
	p.filter_w = filter->dims[2];
	p.output_h = out->dims[1];
	p.output_w = out->dims[2];
	ZTFLM_CHECK(ctx, out->dims[0] == p.batches && out->dims[3] == p.output_c, ZTFLM_ERR_MODEL,
		    "output is [%d, _, _, %d], not [%d, _, _, %d] like the input and filter",
		    (int)out->dims[0], (int)out->dims[3], (int)p.batches, (int)p.output_c);
	ZTFLM_CHECK(ctx, filter->dims[3] == p.input_c && p.output_c > 0, ZTFLM_ERR_MODEL,
		    "filter is %d x _ x _ x %d for an input of %d channels", (int)p.output_c,
		    (int)filter->dims[3], (int)p.input_c);
	p.stride_h = ztflm_option_i32(ctx, ZTFLM_TCONV_STRIDE_H, 0);
	p.stride_w = ztflm_option_i32(ctx, ZTFLM_TCONV_STRIDE_W, 0);
	/* The convolution this one transposes maps the output to the input. */
	rc = ztflm_conv_padding(ctx, ztflm_option_i8(ctx, ZTFLM_TCONV_PADDING, ZTFLM_PADDING_SAME),
				p.stride_h, p.stride_w, 1, 1, p.output_h, p.output_w, p.filter_h,
				p.filter_w, &h, &w, &p.pad_h, &p.pad_w);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, h == p.input_h && w == p.input_w, ZTFLM_ERR_MODEL,
		    "input is %d x %d, but the convolution it transposes gives %d x %d",
		    (int)p.input_h, (int)p.input_w, (int)h, (int)w);
	/* The shared setup reads input 0, filter 1 and bias 2: this operator's 2, 1 and 3. */
	struct ztflm_io conv = *io;

	conv.in[0] = io->in[2];
	conv.in[2] = io->in[3];
	rc = ztflm_conv_setup(ctx, &conv, ztflm_option_i8(ctx, ZTFLM_TCONV_ACTIVATION, ZTFLM_ACT_NONE),
			      p.output_c, sizeof(p), 0u, &p.q, (void **)&op);
	if (rc == ZTFLM_OK) {
		*op = p;
	}
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_transpose_conv_s8_ref,
	&ztflm_transpose_conv_f32_ref,
};

const struct ztflm_op ztflm_op_transpose_conv = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_TRANSPOSE_CONV,
	.options = ZTFLM_OPTIONS_TRANSPOSE_CONV,
	.inputs_min = 3,
	.inputs_max = 4,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ZTFLM_IN(3),
	.type_input = 2,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(2) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
