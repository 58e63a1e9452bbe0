/* UNPACK: the input cut along an axis into its slices, one output each, the axis dropped. */
#include <ztflm/schema.h>

#include "ops/split.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const int32_t n = ctx->outputs_count;
	const int32_t count = ztflm_option_i32(ctx, ZTFLM_PACK_COUNT, 0);
	const int32_t a = ztflm_option_i32(ctx, ZTFLM_PACK_AXIS, 0);
	const int32_t axis = a < 0 ? a + in->dims_count : a;
	const uint32_t size = ztflm_type_size(in->type);
	struct ztflm_tensor out;
	uint32_t outer;
	uint32_t inner;

	(void)unused;
	/* TFLM writes num outputs, however many the node has. */
	ZTFLM_CHECK(ctx, count == n, ZTFLM_ERR_MODEL, "num is %d for %d outputs", (int)count,
		    (int)n);
	ZTFLM_CHECK(ctx, axis >= 0 && axis < in->dims_count && in->dims[axis] == n,
		    ZTFLM_ERR_MODEL, "axis %d is not an axis of %d of the rank %d input", (int)a,
		    (int)n, (int)in->dims_count);
	ztflm_rows_around(in->dims, in->dims_count, axis, &outer, &inner);
	struct ztflm_rows *r = ztflm_rows_alloc(ctx, (uint32_t)n, outer, (uint32_t)n * inner * size);

	if (r == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	for (int32_t i = 0; i < n; i++) {
		(void)ztflm_get_output(ctx, i, &out);
		ZTFLM_CHECK(ctx, out.type == in->type && out.dims_count == in->dims_count - 1,
			    ZTFLM_ERR_MODEL, "output %d is not a %s tensor of rank %d", (int)i,
			    ztflm_type_name(in->type), (int)in->dims_count - 1);
		for (int32_t d = 0; d < out.dims_count; d++) {
			ZTFLM_CHECK(ctx, out.dims[d] == in->dims[d < axis ? d : d + 1],
				    ZTFLM_ERR_MODEL, "output %d dimension %d is %d, not the input's",
				    (int)i, (int)d, (int)out.dims[d]);
		}
		r->part[i] = inner * size;
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_unpack_s8_ref,
	&ztflm_unpack_s16_ref,
	&ztflm_unpack_s32_ref,
	&ztflm_unpack_f32_ref,
};

const struct ztflm_op ztflm_op_unpack = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_UNPACK,
	.options = ZTFLM_OPTIONS_UNPACK,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = UINT8_MAX,
	.same_type = ZTFLM_ALL_OUT,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
