/* PACK: N tensors of one shape stacked along a new axis of the output. */
#include <ztflm/schema.h>

#include "ops/pack.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *out = &io->out[0];
	const int32_t n = ctx->inputs_count;
	const int32_t count = ztflm_option_i32(ctx, ZTFLM_PACK_COUNT, 0);
	const int32_t a = ztflm_option_i32(ctx, ZTFLM_PACK_AXIS, 0);
	const int32_t axis = a < 0 ? a + out->dims_count : a;
	const uint32_t size = ztflm_type_size(out->type);
	struct ztflm_tensor in;
	uint32_t outer;
	uint32_t inner;

	(void)unused;
	/* TFLM copies values_count inputs, however many the node has. */
	ZTFLM_CHECK(ctx, count == n, ZTFLM_ERR_MODEL, "values_count is %d for %d inputs",
		    (int)count, (int)n);
	ZTFLM_CHECK(ctx, axis >= 0 && axis < out->dims_count && out->dims[axis] == n,
		    ZTFLM_ERR_MODEL, "axis %d is not an axis of %d of the rank %d output", (int)a,
		    (int)n, (int)out->dims_count);
	ztflm_rows_around(out->dims, out->dims_count, axis, &outer, &inner);
	struct ztflm_rows *r = ztflm_rows_alloc(ctx, (uint32_t)n, outer, (uint32_t)n * inner * size);

	if (r == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	for (int32_t i = 0; i < n; i++) {
		(void)ztflm_get_input(ctx, i, &in);
		/* The descriptor's type check reaches input 23; later ones are checked here. */
		ZTFLM_CHECK(ctx, in.type == out->type && in.dims_count == out->dims_count - 1,
			    ZTFLM_ERR_MODEL, "input %d is not a %s tensor of rank %d", (int)i,
			    ztflm_type_name(out->type), (int)out->dims_count - 1);
		for (int32_t d = 0; d < in.dims_count; d++) {
			ZTFLM_CHECK(ctx, in.dims[d] == out->dims[d < axis ? d : d + 1],
				    ZTFLM_ERR_MODEL, "input %d dimension %d is %d, not the output's",
				    (int)i, (int)d, (int)in.dims[d]);
		}
		r->part[i] = inner * size;
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_pack_s8_ref,  &ztflm_pack_s16_ref, &ztflm_pack_s32_ref,
	&ztflm_pack_s64_ref, &ztflm_pack_f32_ref,
};

const struct ztflm_op ztflm_op_pack = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_PACK,
	.options = ZTFLM_OPTIONS_PACK,
	.inputs_min = 1,
	.inputs_max = UINT8_MAX,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_ALL_IN | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
