/* MIRROR_PAD: pads each dimension with its own mirror image, by constant paddings. */
#include <string.h>

#include "ops/mirror_pad.h"

/* Paddings value i, int32 or int64 (model data: no alignment promise); -1 when out of int32. */
static int32_t padding(const struct ztflm_tensor *t, int32_t i)
{
	if (t->type == ZTFLM_INT32) {
		int32_t v;

		memcpy(&v, (const int32_t *)t->data + i, sizeof(v));
		return v;
	}
	int64_t v;

	memcpy(&v, (const int64_t *)t->data + i, sizeof(v));
	return v >= 0 && v <= INT32_MAX ? (int32_t)v : -1;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *pads = &io->in[1];
	const int32_t rank = in->dims_count;
	/* Without an options table TFLM's mode is unknown, which it runs as SYMMETRIC. */
	const int32_t mode = ctx->options ? ztflm_option_i8(ctx, ZTFLM_MIRROR_PAD_MODE, 0) : 1;

	(void)unused;
	ZTFLM_CHECK(ctx, mode == 0 || mode == 1, ZTFLM_ERR_MODEL,
		    "mode %d is neither REFLECT nor SYMMETRIC", (int)mode);
	if (pads->type != ZTFLM_INT32 && pads->type != ZTFLM_INT64) {
		return ztflm_fail_type(ctx, "paddings", pads->type);
	}
	/* TFLM reads the paddings at every invoke, and trusts them. */
	ZTFLM_CHECK(ctx, pads->is_const, ZTFLM_ERR_UNSUPPORTED,
		    "the paddings must be a constant tensor");
	ZTFLM_CHECK(ctx, pads->dims_count == 2 && pads->dims[0] == rank && pads->dims[1] == 2,
		    ZTFLM_ERR_MODEL, "paddings are not [%d, 2] for an input of rank %d", (int)rank,
		    (int)rank);
	ZTFLM_CHECK(ctx, rank > 0, ZTFLM_ERR_MODEL, "a scalar input has nothing to pad");
	ZTFLM_CHECK(ctx, io->out[0].dims_count == rank, ZTFLM_ERR_MODEL,
		    "output rank %d differs from the input rank %d", (int)io->out[0].dims_count,
		    (int)rank);
	struct ztflm_mirror_pad_params *p = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*p) + (uint32_t)rank * sizeof(struct ztflm_pad_dim)));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	struct ztflm_pad_dim *d = (struct ztflm_pad_dim *)(void *)(p + 1);

	p->rank = (uint32_t)rank;
	p->offset = mode == 0 ? 1u : 0u;
	for (int32_t k = 0; k < rank; k++) {
		const int32_t before = padding(pads, 2 * k);
		const int32_t after = padding(pads, 2 * k + 1);
		/* Beyond it TFLM reads before the input (leading) or repeats element 0 (trailing). */
		const int64_t most = (int64_t)in->dims[k] - p->offset;

		ZTFLM_CHECK(ctx, before >= 0 && after >= 0 && before <= most && after <= most,
			    ZTFLM_ERR_MODEL, "padding %d and %d of dimension %d: not within 0..%d",
			    (int)before, (int)after, (int)k, (int)most);
		ZTFLM_CHECK(ctx, (int64_t)in->dims[k] + before + after == io->out[0].dims[k],
			    ZTFLM_ERR_MODEL, "output dimension %d is %d, not %d padded by %d and %d",
			    (int)k, (int)io->out[0].dims[k], (int)in->dims[k], (int)before,
			    (int)after);
		d[k].in = (uint32_t)in->dims[k];
		d[k].before = (uint32_t)before;
		d[k].after = (uint32_t)after;
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_mirror_pad_s8_ref,
	&ztflm_mirror_pad_f32_ref,
};

const struct ztflm_op ztflm_op_mirror_pad = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_MIRROR_PAD,
	.options = ZTFLM_OPTIONS_MIRROR_PAD,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
