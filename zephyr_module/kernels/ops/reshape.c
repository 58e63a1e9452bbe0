/* RESHAPE: shape checks; the output shares the input's memory. */
#include <string.h>

#include <ztflm/schema.h>

#include "ops/reshape.h"

/*
 * The requested shape (shape tensor or new_shape option) must describe the
 * output tensor: the same rank and dimensions, where -1 stands for any one
 * dimension. TFLM itself only uses the output tensor's shape.
 */
static int check_requested(struct ztflm_context *ctx, const int32_t *shape, int32_t count,
			   const struct ztflm_tensor *out)
{
	/* Legacy models write [0] for a scalar. */
	if (count == 1 && out->dims_count == 0) {
		int32_t v;

		memcpy(&v, shape, sizeof(v));
		if (v == 0) {
			return ZTFLM_OK;
		}
	}
	ZTFLM_CHECK(ctx, count == out->dims_count, ZTFLM_ERR_MODEL,
		    "the new shape has %d dimensions but the output has %d", (int)count,
		    (int)out->dims_count);
	for (int32_t i = 0; i < count; i++) {
		int32_t v;

		/* Model data carries no alignment promise. */
		memcpy(&v, shape + i, sizeof(v));
		ZTFLM_CHECK(ctx, v == -1 || v == out->dims[i], ZTFLM_ERR_MODEL,
			    "new shape dimension %d is %d but the output's is %d", (int)i, (int)v,
			    (int)out->dims[i]);
	}
	return ZTFLM_OK;
}

ZTFLM_COLD
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	int rc = ZTFLM_OK;

	(void)unused;
	ZTFLM_CHECK(ctx, ztflm_type_size(in->type) > 0, ZTFLM_ERR_UNSUPPORTED,
		    "type %s is not supported", ztflm_type_name(in->type));
	for (int32_t i = 0; i < out->dims_count; i++) {
		ZTFLM_CHECK(ctx, out->dims[i] >= 0, ZTFLM_ERR_UNSUPPORTED,
			    "output dimension %d is %d: the output shape must be known", (int)i,
			    (int)out->dims[i]);
	}
	ZTFLM_CHECK(ctx, in->elements == out->elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)in->elements,
		    (unsigned)out->elements);
	if (io->in[1].index >= 0) {
		const struct ztflm_tensor *shape = &io->in[1];

		/* A shape computed at run time cannot change the planned output: ignore it. */
		if (shape->is_const && shape->data != NULL && shape->type == ZTFLM_INT32) {
			rc = check_requested(ctx, shape->data, (int32_t)shape->elements, out);
		}
	} else {
		const int32_t *new_shape = NULL;
		const int32_t count = ztflm_option_i32_vector(ctx, ZTFLM_RESHAPE_NEW_SHAPE,
							      &new_shape);

		if (count >= 0) {
			rc = check_requested(ctx, new_shape, count, out);
		}
	}
	/* No op data: the copy is rare (aliasing failed), so eval looks the size up. */
	return rc == ZTFLM_OK ? ztflm_alias_output(ctx) : rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_reshape_ref,
};

const struct ztflm_op ztflm_op_reshape = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_RESHAPE,
	.options = ZTFLM_OPTIONS_RESHAPE,
	.inputs_min = 1,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ZTFLM_IN(1),
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
