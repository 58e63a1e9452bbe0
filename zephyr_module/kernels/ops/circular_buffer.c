/* CIRCULAR_BUFFER: options, shapes and the checks TFLM's kernel leaves out. */
#include "common/custom_options.h"
#include "common/size.h"
#include "ops/circular_buffer.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"cycles_max"};
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_circular_buffer_params q = {0};
	struct ztflm_flex v[1];
	const uint8_t *data;
	uint32_t size;

	(void)params;
	/*
	 * Without cycles_max (or with one below 1) TFLM's prepare picks 1 or 2 from the output
	 * shape and a process-wide count of the nodes it prepared before: not reproducible.
	 */
	ztflm_custom_options(ctx, &data, &size);
	ZTFLM_CHECK(ctx, size > 0, ZTFLM_ERR_MODEL,
		    "custom option 'cycles_max' is missing (TFLM picks it from a global count)");
	int rc = ztflm_options_exactly(ctx, keys, 1, v);

	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[0], keys[0], 1, INT32_MAX, &q.cycles_max);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM reads dimensions 0 to 3 of both whatever their rank. */
	ZTFLM_CHECK(ctx, in->dims_count == 4 && out->dims_count == 4, ZTFLM_ERR_MODEL,
		    "input and output need rank 4, not %d and %d", (int)in->dims_count,
		    (int)out->dims_count);
	ZTFLM_CHECK(ctx, in->dims[1] == 1 && in->dims[2] == out->dims[2] &&
				 in->dims[3] == out->dims[3],
		    ZTFLM_ERR_MODEL, "input [%d, %d, %d, %d] does not fit output [%d, %d, %d, %d]",
		    (int)in->dims[0], (int)in->dims[1], (int)in->dims[2], (int)in->dims[3],
		    (int)out->dims[0], (int)out->dims[1], (int)out->dims[2], (int)out->dims[3]);
	/* TFLM shifts the first batch only, and memmoves a negative size without a slot. */
	ZTFLM_CHECK(ctx, in->dims[0] == 1 && out->dims[0] == 1 && out->dims[1] >= 1,
		    ZTFLM_ERR_MODEL, "needs a batch of 1 and 1 slot or more (output [%d, %d, ...])",
		    (int)out->dims[0], (int)out->dims[1]);
	if (ctx->outputs_count > 1) {
		const struct ztflm_tensor *valid = &io->out[1];

		ZTFLM_CHECK(ctx, valid->type == ZTFLM_BOOL && valid->elements == 1,
			    ZTFLM_ERR_MODEL, "output 1 must be one bool (%s, %u elements)",
			    ztflm_type_name(valid->type), valid->elements);
		q.valid = 1;
	}
	q.slots = (uint32_t)out->dims[1];
	q.depth = in->elements;
	q.fill = out->zero_point;
	ZTFLM_CHECK(ctx, out->bytes <= ZTFLM_CIRCULAR_BUFFER_MAX, ZTFLM_ERR_MODEL,
		    "buffer of %u bytes is too large", out->bytes);
	struct ztflm_circular_buffer_params *p =
		ztflm_alloc_op_data(ctx, ztflm_size_add(sizeof(q), out->bytes));

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_circular_buffer_s8_ref,
};

const struct ztflm_op ztflm_op_circular_buffer = {
	ZTFLM_OP_STATEFUL(ztflm_circular_buffer_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "CIRCULAR_BUFFER",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 2,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
