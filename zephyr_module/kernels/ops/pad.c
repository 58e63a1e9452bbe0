/* PAD and PADV2: node layer (paddings from the constant tensor, pad value, dispatch). */
#include <ztflm/op.h>
#include <string.h>

#include "ops/pad.h"

#include <ztflm/kernel.h>

struct pad_op {
	uint32_t type;
	int32_t value; /* pad value without a constant_values input: 0, or the int8 zero point */
	struct ztflm_pad_params params; /* followed by its dimensions */
};

static int check_value_tensor(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			      const struct ztflm_tensor *out)
{
	struct ztflm_tensor v;
	int rc = ztflm_get_input(ctx, 2, &v);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, v.type == in->type, ZTFLM_ERR_MODEL,
		    "constant_values type %s differs from the input type %s",
		    ztflm_type_name(v.type), ztflm_type_name(in->type));
	ZTFLM_CHECK(ctx, v.elements == 1, ZTFLM_ERR_MODEL,
		    "constant_values has %u elements, not 1", (unsigned)v.elements);
	if (in->type == ZTFLM_INT8) {
		/* TFLM does not rescale the pad value. */
		ZTFLM_CHECK(ctx, v.scale == out->scale && v.zero_point == out->zero_point,
			    ZTFLM_ERR_UNSUPPORTED,
			    "constant_values quantization differs from the output's");
	}
	return ZTFLM_OK;
}

static int pad_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor paddings;
	struct ztflm_tensor out;
	struct ztflm_pad_dim dims[ZTFLM_PAD_MAX_DIMS];
	uint32_t nd = 0;
	int rc;

	ZTFLM_CHECK(ctx, (ctx->inputs_count == 2 || ctx->inputs_count == 3) &&
				 ctx->outputs_count == 1,
		    ZTFLM_ERR_MODEL, "needs 2 or 3 inputs and 1 output, has %d and %d",
		    (int)ctx->inputs_count, (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &in);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_input(ctx, 1, &paddings);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	switch (in.type) {
	case ZTFLM_FLOAT32:
	case ZTFLM_INT8:
	case ZTFLM_INT16:
	case ZTFLM_INT32:
		break;
	default:
		return ztflm_fail_type(ctx, "input", in.type);
	}
	ZTFLM_CHECK(ctx, out.type == in.type, ZTFLM_ERR_MODEL,
		    "output type %s differs from the input type %s", ztflm_type_name(out.type),
		    ztflm_type_name(in.type));
	ZTFLM_CHECK(ctx, in.dims_count <= ZTFLM_PAD_MAX_DIMS, ZTFLM_ERR_UNSUPPORTED,
		    "rank %d is more than the %d supported", (int)in.dims_count,
		    ZTFLM_PAD_MAX_DIMS);
	ZTFLM_CHECK(ctx, out.dims_count == in.dims_count, ZTFLM_ERR_MODEL,
		    "output rank %d differs from the input rank %d", (int)out.dims_count,
		    (int)in.dims_count);
	ZTFLM_CHECK(ctx, paddings.is_const && paddings.data != NULL, ZTFLM_ERR_UNSUPPORTED,
		    "paddings must be a constant tensor");
	if (paddings.type != ZTFLM_INT32) {
		return ztflm_fail_type(ctx, "paddings", paddings.type);
	}
	ZTFLM_CHECK(ctx, paddings.elements == 2u * (uint32_t)in.dims_count, ZTFLM_ERR_MODEL,
		    "paddings has %u values for rank %d", (unsigned)paddings.elements,
		    (int)in.dims_count);
	if (ctx->inputs_count == 3 && ztflm_has_input(ctx, 2)) {
		rc = check_value_tensor(ctx, &in, &out);
		if (rc != ZTFLM_OK) {
			return rc;
		}
	} else if (in.type == ZTFLM_INT8) {
		ZTFLM_CHECK(ctx, out.zero_point >= INT8_MIN && out.zero_point <= INT8_MAX,
			    ZTFLM_ERR_MODEL, "output zero point %d is outside the int8 range",
			    (int)out.zero_point);
	}

	for (int32_t j = 0; j < in.dims_count; j++) {
		int32_t before;
		int32_t after;

		/* Model data carries no alignment promise. */
		memcpy(&before, (const int32_t *)paddings.data + 2 * j, sizeof(before));
		memcpy(&after, (const int32_t *)paddings.data + 2 * j + 1, sizeof(after));

		ZTFLM_CHECK(ctx, before >= 0 && after >= 0, ZTFLM_ERR_UNSUPPORTED,
			    "negative padding in dimension %d", (int)j);
		ZTFLM_CHECK(ctx, in.dims[j] >= 0 &&
					 (int64_t)in.dims[j] + before + after == out.dims[j],
			    ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, not %d padded by %d and %d", (int)j,
			    (int)out.dims[j], (int)in.dims[j], (int)before, (int)after);
		if (before == 0 && after == 0) {
			/* Unpadded: dropped when 1, else fused with an unpadded outer one. */
			if (in.dims[j] == 1) {
				continue;
			}
			if (nd > 0 && dims[nd - 1].before == 0 && dims[nd - 1].after == 0) {
				dims[nd - 1].in *= (uint32_t)in.dims[j];
				continue;
			}
		}
		dims[nd].in = (uint32_t)in.dims[j];
		dims[nd].before = (uint32_t)before;
		dims[nd].after = (uint32_t)after;
		nd++;
	}
	if (nd == 0) {
		dims[0].in = 1;
		dims[0].before = 0;
		dims[0].after = 0;
		nd = 1;
	}

	struct pad_op *op = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*op) + nd * sizeof(struct ztflm_pad_dim)));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	struct ztflm_pad_dim *op_dims = (struct ztflm_pad_dim *)(void *)(&op->params + 1);

	for (uint32_t j = 0; j < nd; j++) {
		op_dims[j] = dims[j];
	}
	op->params.ndims = nd;
	op->type = in.type;
	/* TFLM pads int8 with the output zero point, everything else with 0. */
	op->value = in.type == ZTFLM_INT8 ? out.zero_point : 0;
	return ZTFLM_OK;
}

static int pad_eval(struct ztflm_context *ctx)
{
	const struct pad_op *op = ctx->op_data;
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	const uint32_t size = ztflm_type_size((uint8_t)op->type);
	/* Little-endian: the low bytes of the int32 are the narrower types' value. */
	uint8_t value[4];

	memcpy(value, &op->value, sizeof(value));
	if (ctx->inputs_count == 3 && ztflm_has_input(ctx, 2)) {
		/* One element of the input's type; memcpy as it may be unaligned model data. */
		memcpy(value, ztflm_input_data(ctx, 2), size);
	}
	ztflm_pad(&op->params, size, in, value, out);
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_pad = {
	.prepare = pad_prepare,
	.eval = pad_eval,
	.builtin = ZTFLM_OP_PAD,
};
const struct ztflm_op ztflm_op_padv2 = {
	.prepare = pad_prepare,
	.eval = pad_eval,
	.builtin = ZTFLM_OP_PADV2,
};
