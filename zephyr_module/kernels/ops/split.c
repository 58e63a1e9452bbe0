/* SPLIT: the input cut along a constant axis into outputs of one shape. */
#include "common/int_at.h"
#include "ops/split.h"

int ztflm_split_parse(struct ztflm_context *ctx, const struct ztflm_tensor *in,
		      const struct ztflm_tensor *axis_input, int32_t whole, int32_t *axis)
{
	const int32_t n = ctx->outputs_count;
	const uint32_t size = ztflm_type_size(in->type);
	struct ztflm_tensor out;
	uint32_t outer;
	uint32_t inner;
	int64_t sum = 0;

	/* TFLM reads the axis, one int32, whatever its type; it must be in the model. */
	ZTFLM_CHECK(ctx, axis_input->type == ZTFLM_INT32 && axis_input->is_const,
		    ZTFLM_ERR_UNSUPPORTED, "the axis must be a constant int32 tensor");
	ZTFLM_CHECK(ctx, axis_input->elements == 1 && axis_input->dims_count <= 1,
		    ZTFLM_ERR_MODEL, "the axis tensor has %u entries, not 1",
		    (unsigned)axis_input->elements);
	const int32_t a = (int32_t)ztflm_int_at(axis_input->data, ZTFLM_INT32, 0);

	*axis = a < 0 ? a + in->dims_count : a;
	ZTFLM_CHECK(ctx, *axis >= 0 && *axis < in->dims_count, ZTFLM_ERR_MODEL,
		    "axis %d is outside the rank %d input", (int)a, (int)in->dims_count);
	ztflm_rows_around(in->dims, in->dims_count, *axis, &outer, &inner);
	struct ztflm_rows *r = ztflm_rows_alloc(ctx, (uint32_t)n, outer,
						(uint32_t)in->dims[*axis] * inner * size);

	if (r == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	r->whole = (uint32_t)whole;
	for (int32_t i = 0; i < n; i++) {
		(void)ztflm_get_output(ctx, i, &out);
		/* The descriptor's type check reaches output 7; later ones are checked here. */
		ZTFLM_CHECK(ctx, out.type == in->type && out.dims_count == in->dims_count,
			    ZTFLM_ERR_MODEL, "output %d is not a %s tensor of rank %d", (int)i,
			    ztflm_type_name(in->type), (int)in->dims_count);
		for (int32_t d = 0; d < in->dims_count; d++) {
			ZTFLM_CHECK(ctx, d == *axis || out.dims[d] == in->dims[d], ZTFLM_ERR_MODEL,
				    "output %d dimension %d is %d, the input's is %d", (int)i,
				    (int)d, (int)out.dims[d], (int)in->dims[d]);
		}
		sum += out.dims[*axis];
		r->part[i] = (uint32_t)out.dims[*axis] * inner * size;
	}
	ZTFLM_CHECK(ctx, sum == in->dims[*axis], ZTFLM_ERR_MODEL,
		    "the outputs add up to %d along axis %d, the input has %d", (int)sum,
		    (int)*axis, (int)in->dims[*axis]);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	struct ztflm_tensor out;
	int32_t axis;

	(void)unused;
	const int rc = ztflm_split_parse(ctx, &io->in[1], &io->in[0], 1, &axis);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM cuts every output as long as the first along the axis. */
	for (int32_t i = 1; i < ctx->outputs_count; i++) {
		(void)ztflm_get_output(ctx, i, &out);
		ZTFLM_CHECK(ctx, out.dims[axis] == io->out[0].dims[axis], ZTFLM_ERR_MODEL,
			    "output %d has %d along axis %d, output 0 has %d", (int)i,
			    (int)out.dims[axis], (int)axis, (int)io->out[0].dims[axis]);
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_split_s8_ref,
	&ztflm_split_s16_ref,
	&ztflm_split_s32_ref,
	&ztflm_split_f32_ref,
};

const struct ztflm_op ztflm_op_split = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SPLIT,
	.options = ZTFLM_OPTIONS_SPLIT,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = UINT8_MAX,
	.type_input = 1,
	.same_type = ZTFLM_ALL_OUT,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
