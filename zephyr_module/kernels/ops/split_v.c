/* SPLIT_V: the input cut along a constant axis into outputs of given lengths. */
#include "common/int_at.h"
#include "ops/split.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *sizes = &io->in[1];
	struct ztflm_tensor out;
	int32_t axis;

	(void)unused;
	const int rc = ztflm_split_parse(ctx, &io->in[0], &io->in[2], 0, &axis);

	if (rc != ZTFLM_OK || !sizes->is_const || sizes->type != ZTFLM_INT32) {
		/* TFLM never reads size_splits: the outputs' shapes are the lengths. */
		return rc;
	}
	ZTFLM_CHECK(ctx, sizes->elements == (uint32_t)ctx->outputs_count, ZTFLM_ERR_MODEL,
		    "size_splits has %u entries for %d outputs", (unsigned)sizes->elements,
		    (int)ctx->outputs_count);
	for (int32_t i = 0; i < ctx->outputs_count; i++) {
		const int64_t n = ztflm_int_at(sizes->data, ZTFLM_INT32, (uint32_t)i);

		(void)ztflm_get_output(ctx, i, &out);
		ZTFLM_CHECK(ctx, n == -1 || n == out.dims[axis], ZTFLM_ERR_MODEL,
			    "size_splits entry %d is %d, output %d has %d along the axis", (int)i,
			    (int)n, (int)i, (int)out.dims[axis]);
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_split_v_s8_ref,
	&ztflm_split_v_s16_ref,
	&ztflm_split_v_s32_ref,
	&ztflm_split_v_f32_ref,
};

const struct ztflm_op ztflm_op_split_v = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SPLIT_V,
	.options = ZTFLM_OPTIONS_SPLIT_V,
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = UINT8_MAX,
	.same_type = ZTFLM_ALL_OUT,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
