/* FILL: every element of the output set to a scalar; the shape is a constant equal to it. */
#include "common/int_at.h"
#include "ops/fill.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *dims = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_fill_params *p = params;

	ZTFLM_CHECK(ctx, io->in[1].dims_count == 0, ZTFLM_ERR_MODEL,
		    "the value must be a scalar, not of rank %d", (int)io->in[1].dims_count);
	/* TFLM compares the output's shape with the dims tensor at prepare. */
	ZTFLM_CHECK(ctx,
		    dims->is_const && (dims->type == ZTFLM_INT8 || dims->type == ZTFLM_INT16 ||
				       dims->type == ZTFLM_INT32 || dims->type == ZTFLM_INT64),
		    ZTFLM_ERR_UNSUPPORTED, "the dims must be a constant integer tensor");
	ZTFLM_CHECK(ctx, dims->dims_count == 1 && dims->dims[0] == out->dims_count,
		    ZTFLM_ERR_MODEL, "the dims tensor has %u entries for an output of rank %d",
		    (unsigned)dims->elements, (int)out->dims_count);
	for (int32_t d = 0; d < out->dims_count; d++) {
		ZTFLM_CHECK(ctx, ztflm_int_at(dims->data, dims->type, (uint32_t)d) == out->dims[d], ZTFLM_ERR_MODEL,
			    "dims entry %d is not the output's dimension %d", (int)d,
			    (int)out->dims[d]);
	}
	p->count = out->elements;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_fill_s8_ref,
	&ztflm_fill_s32_ref,
	&ztflm_fill_f32_ref,
};

const struct ztflm_op ztflm_op_fill = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_FILL,
	.options = ZTFLM_OPTIONS_FILL,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.type_input = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_fill_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
