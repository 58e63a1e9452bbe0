/* EMBEDDING_LOOKUP: rows of a table by int32 ids; int8 rows may be dequantized to float32. */
#include "ops/lookup.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *ids = &io->in[0];
	const struct ztflm_tensor *table = &io->in[1];
	struct ztflm_lookup_params *p = params;
	int32_t shape[ZTFLM_MAX_DIMS];

	ZTFLM_CHECK(ctx, ids->dims_count == 1, ZTFLM_ERR_MODEL, "ids have rank %d, not 1",
		    (int)ids->dims_count);
	ZTFLM_CHECK(ctx, table->dims_count >= 2, ZTFLM_ERR_MODEL,
		    "the table has rank %d, not 2 or more", (int)table->dims_count);
	if (table->type == ZTFLM_INT8 && io->out[0].type == ZTFLM_FLOAT32) {
		ZTFLM_CHECK(ctx, table->zero_point == 0, ZTFLM_ERR_MODEL,
			    "an int8 table dequantized to float32 needs zero point 0, not %d",
			    (int)table->zero_point);
		p->scale = table->scale;
	}
	shape[0] = ids->dims[0];
	p->row_elements = 1;
	for (int32_t i = 1; i < table->dims_count; i++) {
		shape[i] = table->dims[i];
		p->row_elements *= (uint32_t)table->dims[i];
	}
	p->batches = 1;
	p->outer = 1;
	p->lookups = (uint32_t)ids->dims[0];
	p->rows = (uint32_t)table->dims[0];
	p->nd = 1;
	p->dims[0] = p->rows;
	p->strides[0] = 1;
	return ztflm_lookup_finish(ctx, io, p, shape, table->dims_count, 1);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_lookup_s8_ref,
	&ztflm_lookup_s8_f32_ref,
	&ztflm_lookup_f32_ref,
};

const struct ztflm_op ztflm_op_embedding_lookup = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_EMBEDDING_LOOKUP,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.type_input = 1,
	.params_bytes = sizeof(struct ztflm_lookup_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
