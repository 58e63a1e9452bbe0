/* DYNAMIC_UPDATE_SLICE: the operand with a block replaced by the update, at start indices
 * read at run time and clamped so that the block fits. */
#include "ops/dynamic_update_slice.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *operand = &io->in[0];
	const struct ztflm_tensor *update = &io->in[1];
	const struct ztflm_tensor *indices = &io->in[2];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_dynamic_update_slice_params *p = params;
	const int32_t rank = operand->dims_count;

	ZTFLM_CHECK(ctx, indices->type == ZTFLM_INT32 || indices->type == ZTFLM_INT64,
		    ZTFLM_ERR_UNSUPPORTED, "the start indices must be int32 or int64, not %s",
		    ztflm_type_name(indices->type));
	ZTFLM_CHECK(ctx, indices->dims_count == 1 && indices->dims[0] == rank, ZTFLM_ERR_MODEL,
		    "the start indices must list %d entries, one per operand axis", (int)rank);
	ZTFLM_CHECK(ctx, update->dims_count == rank && out->dims_count == rank, ZTFLM_ERR_MODEL,
		    "the update and the output must have the operand's rank %d", (int)rank);
	for (int32_t d = 0; d < rank; d++) {
		ZTFLM_CHECK(ctx, update->dims[d] <= operand->dims[d], ZTFLM_ERR_MODEL,
			    "update dimension %d (%d) is larger than the operand's (%d)", (int)d,
			    (int)update->dims[d], (int)operand->dims[d]);
		ZTFLM_CHECK(ctx, out->dims[d] == operand->dims[d], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, the operand's is %d", (int)d,
			    (int)out->dims[d], (int)operand->dims[d]);
		p->max_start[d] = operand->dims[d] - update->dims[d];
	}
	ztflm_strided_shape(out->dims, rank, p->strides);
	ztflm_strided_begin(&p->nest, 0);
	for (int32_t d = rank - 1; d >= 0; d--) {
		ztflm_strided_push(&p->nest, (uint32_t)update->dims[d], p->strides[d]);
	}
	ztflm_strided_end(&p->nest);
	p->bytes = operand->bytes;
	p->rank = (uint32_t)rank;
	p->index_type = indices->type;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_dynamic_update_slice_s8_ref,
	&ztflm_dynamic_update_slice_s16_ref,
	&ztflm_dynamic_update_slice_s32_ref,
	&ztflm_dynamic_update_slice_f32_ref,
};

const struct ztflm_op ztflm_op_dynamic_update_slice = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_DYNAMIC_UPDATE_SLICE,
	.options = ZTFLM_OPTIONS_DYNAMIC_UPDATE_SLICE,
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_dynamic_update_slice_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
