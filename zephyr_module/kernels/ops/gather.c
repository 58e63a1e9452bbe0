/*
 * GATHER (slices along one axis by int32 positions, per batch with batch_dims) and GATHER_ND
 * (slices addressed by the innermost axis of an int32 indices tensor).
 */
#include "ops/lookup.h"

static int gather(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
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
	p->rows = (uint32_t)in->dims[axis];
	p->nd = 1;
	p->dims[0] = p->rows;
	p->strides[0] = 1;
	return ztflm_lookup_finish(ctx, io, p, shape, n, 0);
}

static int gather_nd(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
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
	p->batches = 1;
	p->outer = 1;
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
	p->nd = (uint32_t)nd;
	return ztflm_lookup_finish(ctx, io, p, shape, n, 0);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_lookup_s8_ref,
	&ztflm_lookup_f32_ref,
};

#define GATHER_OP(NAME, fn)                                                                        \
	ZTFLM_OP_GENERIC, .builtin = ZTFLM_OP_##NAME, .options = ZTFLM_OPTIONS_##NAME,             \
	.inputs_min = 2, .inputs_max = 2, .outputs_min = 1, .outputs_max = 1,                      \
	.same_type = ZTFLM_OUT(0), .params_bytes = sizeof(struct ztflm_lookup_params),             \
	.parse = (fn), ZTFLM_OP_VARIANTS(variants)

const struct ztflm_op ztflm_op_gather = {GATHER_OP(GATHER, gather)};
const struct ztflm_op ztflm_op_gather_nd = {GATHER_OP(GATHER_ND, gather_nd)};
