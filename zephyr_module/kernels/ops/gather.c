/* GATHER: slices of the input along one axis, by int32 positions, per batch (batch_dims). */
#include "ops/lookup.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *pos = &io->in[1];
	struct ztflm_lookup_params *p = params;
	const int32_t rank = in->dims_count;
	int32_t axis = ztflm_option_i32(ctx, ZTFLM_GATHER_AXIS, 0);
	int32_t batch_dims = ztflm_option_i32(ctx, ZTFLM_GATHER_BATCH_DIMS, 0);
	int32_t shape[2 * ZTFLM_MAX_DIMS];
	int32_t n = 0;

	/* TFLM's checks, in its order. */
	axis += axis < 0 ? rank : 0;
	ZTFLM_CHECK(ctx, axis >= 0 && axis < rank, ZTFLM_ERR_MODEL,
		    "axis %d is outside an input of rank %d",
		    (int)ztflm_option_i32(ctx, ZTFLM_GATHER_AXIS, 0), (int)rank);
	batch_dims += batch_dims < 0 ? pos->dims_count : 0;
	ZTFLM_CHECK(ctx, batch_dims >= 0 && batch_dims <= axis && batch_dims <= pos->dims_count,
		    ZTFLM_ERR_MODEL, "batch_dims %d is outside 0..%d (axis) or the positions' rank %d",
		    (int)ztflm_option_i32(ctx, ZTFLM_GATHER_BATCH_DIMS, 0), (int)axis,
		    (int)pos->dims_count);
	p->batches = 1;
	p->outer = 1;
	p->lookups = 1;
	p->row_elements = 1;
	for (int32_t i = 0; i < batch_dims; i++) {
		ZTFLM_CHECK(ctx, in->dims[i] == pos->dims[i], ZTFLM_ERR_MODEL,
			    "batch dimension %d is %d in the input but %d in the positions", (int)i,
			    (int)in->dims[i], (int)pos->dims[i]);
		p->batches *= (uint32_t)in->dims[i];
	}
	/* The output is the input's leading axes, the positions' shape, the input's last axes. */
	for (int32_t i = 0; i < axis; i++) {
		shape[n++] = in->dims[i];
		p->outer *= i >= batch_dims ? (uint32_t)in->dims[i] : 1u;
	}
	for (int32_t i = batch_dims; i < pos->dims_count; i++) {
		shape[n++] = pos->dims[i];
		p->lookups *= (uint32_t)pos->dims[i];
	}
	for (int32_t i = axis + 1; i < rank; i++) {
		shape[n++] = in->dims[i];
		p->row_elements *= (uint32_t)in->dims[i];
	}
	int rc = ztflm_check_output_shape(ctx, io, shape, n);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (io->out[0].elements == 0) {
		/* Nothing to copy (and the products above may have wrapped on a zero dimension). */
		p->batches = 0;
	}
	p->rows = (uint32_t)in->dims[axis];
	p->nd = 1;
	p->dims[0] = p->rows;
	p->strides[0] = 1;
	p->data = 0;
	p->indices = 1;
	return ztflm_lookup_check_indices(ctx, p, pos);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_lookup_s8_ref,
	&ztflm_lookup_f32_ref,
};

const struct ztflm_op ztflm_op_gather = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_GATHER,
	.options = ZTFLM_OPTIONS_GATHER,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_lookup_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
