/* ADD_N: the sum of two or more tensors of one shape; int8 and float32. */
#include "common/quant.h"
#include "ops/add_n.h"

static bool same_shape(const struct ztflm_tensor *a, const struct ztflm_tensor *b)
{
	if (a->dims_count != b->dims_count) {
		return false;
	}
	for (int32_t i = 0; i < a->dims_count; i++) {
		if (a->dims[i] != b->dims[i]) {
			return false;
		}
	}
	return true;
}

static int quant_params(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_add_n_params *p)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	const double twice_scale = 2.0 * (double)in->scale;
	/* 1/2 exactly; TFLM writes the general ratio of ADD. */
	ztflm_quantize_multiplier((double)in->scale / twice_scale, &p->input_multiplier,
				  &p->input_shift);
	const int rc = ztflm_quantize_multiplier_below_one(
		ctx, twice_scale / ((double)(1 << 20) * (double)out->scale),
		"the output scale is too small for the input scale", &p->output_multiplier,
		&p->output_shift);

	p->input_offset = -in->zero_point;
	p->output_offset = out->zero_point;
	return rc;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_add_n_params *p = params;
	const struct ztflm_tensor *first = &io->in[0];
	struct ztflm_tensor t;

	/* The descriptor's sets reach 24 inputs: every input is checked here, as TFLM does. */
	for (int32_t i = 1; i < ctx->inputs_count; i++) {
		(void)ztflm_get_input(ctx, i, &t);
		ZTFLM_CHECK(ctx, t.type == first->type, ZTFLM_ERR_MODEL,
			    "input %d has type %s, not %s like input 0", (int)i,
			    ztflm_type_name(t.type), ztflm_type_name(first->type));
		ZTFLM_CHECK(ctx, same_shape(&t, first), ZTFLM_ERR_MODEL,
			    "input %d's shape is not input 0's", (int)i);
		ZTFLM_CHECK(ctx,
			    t.type != ZTFLM_INT8 ||
				    (t.scale == first->scale && t.zero_point == first->zero_point),
			    ZTFLM_ERR_UNSUPPORTED,
			    "input %d's scale or zero point is not input 0's", (int)i);
	}
	/* TFLM sums as many elements as the output has: they must be the inputs'. */
	ZTFLM_CHECK(ctx, io->out[0].elements == first->elements, ZTFLM_ERR_MODEL,
		    "output has %u elements but the inputs %u", (unsigned)io->out[0].elements,
		    (unsigned)first->elements);
	p->count = first->elements;
	return first->type == ZTFLM_INT8 ? quant_params(ctx, io, p) : ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_add_n_s8_ref,
	&ztflm_add_n_f32_ref,
};

const struct ztflm_op ztflm_op_add_n = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_ADD_N,
	.inputs_min = 2,
	.inputs_max = UINT8_MAX,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_ALL_IN | ZTFLM_OUT(0),
	.quantized = ZTFLM_ALL_IN | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_add_n_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
