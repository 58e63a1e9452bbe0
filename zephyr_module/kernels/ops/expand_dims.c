/* EXPAND_DIMS: inserts an axis of size 1 at a constant position; a view of its input. */
#include "common/int_at.h"
#include "ops/view.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *axis_t = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	const int32_t rank = in->dims_count;

	(void)unused;
	/* TFLM reads the axis at prepare (one int32, the first of a tensor of rank 0 or 1). */
	ZTFLM_CHECK(ctx, axis_t->type == ZTFLM_INT32 && axis_t->is_const, ZTFLM_ERR_UNSUPPORTED,
		    "the axis must be a constant int32 tensor");
	ZTFLM_CHECK(ctx, axis_t->dims_count <= 1 && axis_t->elements == 1, ZTFLM_ERR_MODEL,
		    "the axis tensor has %u elements, not 1", (unsigned)axis_t->elements);
	const int32_t axis = (int32_t)ztflm_int_at(axis_t->data, ZTFLM_INT32, 0);
	const int32_t a = axis < 0 ? axis + rank + 1 : axis;

	/* TFLM checks only a <= rank and reads input dimension a - 1 for a below 0. */
	ZTFLM_CHECK(ctx, a >= 0 && a <= rank, ZTFLM_ERR_MODEL,
		    "axis %d is outside -%d..%d for a rank %d input", (int)axis, (int)rank + 1,
		    (int)rank, (int)rank);
	ZTFLM_CHECK(ctx, out->dims_count == rank + 1, ZTFLM_ERR_MODEL,
		    "output rank %d is not the input's %d plus 1", (int)out->dims_count, (int)rank);
	for (int32_t d = 0; d <= rank; d++) {
		const int32_t want = d < a ? in->dims[d] : (d == a ? 1 : in->dims[d - 1]);

		ZTFLM_CHECK(ctx, out->dims[d] == want, ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, not %d", (int)d, (int)out->dims[d],
			    (int)want);
	}
	return ztflm_alias_output(ctx);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_view_ref,
};

const struct ztflm_op ztflm_op_expand_dims = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_EXPAND_DIMS,
	.options = ZTFLM_OPTIONS_EXPAND_DIMS,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
