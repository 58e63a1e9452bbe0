/* GATHER_ND: slices of the params addressed by the innermost axis of an int32 indices tensor. */
#include "ops/lookup.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *idx = &io->in[1];
	struct ztflm_lookup_params *p = params;
	int32_t shape[2 * ZTFLM_MAX_DIMS];
	int32_t n = 0;

	ZTFLM_CHECK(ctx, in->dims_count >= 1 && idx->dims_count >= 1, ZTFLM_ERR_MODEL,
		    "params and indices must be at least vectors, not of rank %d and %d",
		    (int)in->dims_count, (int)idx->dims_count);
	const int32_t nd = idx->dims[idx->dims_count - 1];

	ZTFLM_CHECK(ctx, nd <= in->dims_count, ZTFLM_ERR_MODEL,
		    "indices have %d components for params of rank %d", (int)nd,
		    (int)in->dims_count);
	ZTFLM_CHECK(ctx, nd <= ZTFLM_LOOKUP_MAX_ND, ZTFLM_ERR_UNSUPPORTED,
		    "indices have %d components, more than %d", (int)nd, ZTFLM_LOOKUP_MAX_ND);
	p->lookups = 1;
	p->row_elements = 1;
	p->rows = 1;
	for (int32_t i = 0; i < idx->dims_count - 1; i++) {
		shape[n++] = idx->dims[i];
		p->lookups *= (uint32_t)idx->dims[i];
	}
	for (int32_t i = nd; i < in->dims_count; i++) {
		shape[n++] = in->dims[i];
		p->row_elements *= (uint32_t)in->dims[i];
	}
	/* Component j moves by the rows of the addressed axes after it. */
	for (int32_t j = nd - 1; j >= 0; j--) {
		p->dims[j] = (uint32_t)in->dims[j];
		p->strides[j] = p->rows;
		p->rows *= (uint32_t)in->dims[j];
	}
	int rc = ztflm_check_output_shape(ctx, io, shape, n);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	p->batches = io->out[0].elements == 0 ? 0u : 1u;
	p->outer = 1;
	p->nd = (uint32_t)nd;
	p->data = 0;
	p->indices = 1;
	return ztflm_lookup_check_indices(ctx, p, idx);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_lookup_s8_ref,
	&ztflm_lookup_f32_ref,
};

const struct ztflm_op ztflm_op_gather_nd = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_GATHER_ND,
	.options = ZTFLM_OPTIONS_GATHER_ND,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_lookup_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
