/* BROADCAST_TO: the input repeated along its axes of size 1 (and new leading ones) to a
 * constant shape. */
#include "common/int_at.h"
#include "ops/broadcast_to.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *shape = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_broadcast_to_params *p = params;
	const int32_t rank = out->dims_count;
	const int32_t lead = rank - in->dims_count;
	int32_t strides[ZTFLM_MAX_DIMS];

	ZTFLM_CHECK(ctx, ztflm_type_size(in->type) > 0, ZTFLM_ERR_UNSUPPORTED,
		    "type %s is not supported", ztflm_type_name(in->type));
	/* TFLM checks the shape against the output at prepare. */
	ZTFLM_CHECK(ctx, shape->is_const && (shape->type == ZTFLM_INT32 ||
					     shape->type == ZTFLM_INT64),
		    ZTFLM_ERR_UNSUPPORTED, "the shape must be a constant int32 or int64 tensor");
	ZTFLM_CHECK(ctx, shape->dims_count == 1 && shape->dims[0] == rank, ZTFLM_ERR_MODEL,
		    "the shape has %u entries for an output of rank %d", (unsigned)shape->elements,
		    (int)rank);
	ZTFLM_CHECK(ctx, lead >= 0, ZTFLM_ERR_MODEL,
		    "the input's rank %d is above the output's %d", (int)in->dims_count, (int)rank);
	ztflm_strided_shape(in->dims, in->dims_count, strides);
	for (int32_t d = 0; d < rank; d++) {
		ZTFLM_CHECK(ctx, ztflm_int_at(shape->data, shape->type, (uint32_t)d) == out->dims[d], ZTFLM_ERR_MODEL,
			    "shape entry %d is not the output's dimension %d", (int)d,
			    (int)out->dims[d]);
		ZTFLM_CHECK(ctx, d < lead || in->dims[d - lead] == 1 ||
					 in->dims[d - lead] == out->dims[d],
			    ZTFLM_ERR_MODEL, "input dimension %d (%d) does not broadcast to %d",
			    (int)(d - lead), (int)in->dims[d - lead], (int)out->dims[d]);
	}
	ztflm_strided_begin(&p->nest, 0);
	for (int32_t d = rank - 1; d >= 0; d--) {
		const bool repeat = d < lead || in->dims[d - lead] == 1;

		ztflm_strided_push(&p->nest, (uint32_t)out->dims[d], repeat ? 0 : strides[d - lead]);
	}
	ztflm_strided_end(&p->nest);
	p->size = ztflm_type_size(in->type);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_broadcast_to_ref,
};

const struct ztflm_op ztflm_op_broadcast_to = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_BROADCAST_TO,
	.options = ZTFLM_OPTIONS_BROADCAST_TO,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_broadcast_to_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
