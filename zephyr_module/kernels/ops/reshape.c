/* RESHAPE: node layer (shape checks; the output shares the input's memory). */
#include <ztflm/op.h>
#include <string.h>

#include <ztflm/schema.h>

#include "ops/reshape.h"

#include <ztflm/kernel.h>

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

static int reshape_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor out;
	int rc;

	ZTFLM_CHECK(ctx, (ctx->inputs_count == 1 || ctx->inputs_count == 2) &&
				 ctx->outputs_count == 1,
		    ZTFLM_ERR_MODEL, "needs 1 or 2 inputs and 1 output, has %d and %d",
		    (int)ctx->inputs_count, (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &in);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, out.type == in.type, ZTFLM_ERR_MODEL,
		    "output type %s differs from the input type %s", ztflm_type_name(out.type),
		    ztflm_type_name(in.type));
	ZTFLM_CHECK(ctx, ztflm_type_size(in.type) > 0, ZTFLM_ERR_UNSUPPORTED,
		    "type %s is not supported", ztflm_type_name(in.type));
	for (int32_t i = 0; i < out.dims_count; i++) {
		ZTFLM_CHECK(ctx, out.dims[i] >= 0, ZTFLM_ERR_UNSUPPORTED,
			    "output dimension %d is %d: the output shape must be known", (int)i,
			    (int)out.dims[i]);
	}
	ZTFLM_CHECK(ctx, in.elements == out.elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)in.elements,
		    (unsigned)out.elements);
	if (ctx->inputs_count == 2 && ztflm_has_input(ctx, 1)) {
		struct ztflm_tensor shape;

		rc = ztflm_get_input(ctx, 1, &shape);
		if (rc != ZTFLM_OK) {
			return rc;
		}
		/* A shape computed at run time cannot change the planned output: ignore it. */
		if (shape.is_const && shape.data != NULL && shape.type == ZTFLM_INT32) {
			rc = check_requested(ctx, shape.data, (int32_t)shape.elements, &out);
		}
	} else {
		const int32_t *new_shape = NULL;
		const int32_t count = ztflm_option_i32_vector(ctx, ZTFLM_RESHAPE_NEW_SHAPE,
							      &new_shape);

		if (count >= 0) {
			rc = check_requested(ctx, new_shape, count, &out);
		}
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* No op data: the copy is rare (aliasing failed), so eval looks the size up. */
	return ztflm_alias_output(ctx);
}

static int reshape_eval(struct ztflm_context *ctx)
{
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	struct ztflm_tensor t;

	if (in != out && ztflm_get_input(ctx, 0, &t) == ZTFLM_OK) {
		ztflm_reshape_copy(in, out, t.bytes);
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_reshape = {
	.prepare = reshape_prepare,
	.eval = reshape_eval,
	.builtin = ZTFLM_OP_RESHAPE,
};
