/* PAD and PADV2: paddings from the constant tensor and the pad value; float32, int8/16/32. */
#include <string.h>

#include <ztflm/schema.h>

#include "ops/pad.h"

static int check_value_tensor(struct ztflm_context *ctx, const struct ztflm_io *io)
{
	const struct ztflm_tensor *v = &io->in[2];

	ZTFLM_CHECK(ctx, v->elements == 1, ZTFLM_ERR_MODEL,
		    "constant_values has %u elements, not 1", (unsigned)v->elements);
	if (v->type == ZTFLM_INT8) {
		/* TFLM does not rescale the pad value. */
		ZTFLM_CHECK(ctx, v->scale == io->out[0].scale &&
					 v->zero_point == io->out[0].zero_point,
			    ZTFLM_ERR_UNSUPPORTED,
			    "constant_values quantization differs from the output's");
	}
	return ZTFLM_OK;
}

/*
 * The dimensions with their padding, outermost first, in dims and their count (at least 1) in
 * *count: an unpadded one is dropped when 1, else fused with an unpadded outer neighbour.
 */
static int plan(struct ztflm_context *ctx, const struct ztflm_io *io,
		struct ztflm_pad_dim dims[ZTFLM_PAD_MAX_DIMS], uint32_t *count)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *paddings = &io->in[1];
	uint32_t nd = 0;

	ZTFLM_CHECK(ctx, in->dims_count <= ZTFLM_PAD_MAX_DIMS, ZTFLM_ERR_UNSUPPORTED,
		    "rank %d is more than the %d supported", (int)in->dims_count,
		    ZTFLM_PAD_MAX_DIMS);
	ZTFLM_CHECK(ctx, io->out[0].dims_count == in->dims_count, ZTFLM_ERR_MODEL,
		    "output rank %d differs from the input rank %d", (int)io->out[0].dims_count,
		    (int)in->dims_count);
	ZTFLM_CHECK(ctx, paddings->is_const && paddings->data != NULL, ZTFLM_ERR_UNSUPPORTED,
		    "paddings must be a constant tensor");
	if (paddings->type != ZTFLM_INT32) {
		return ztflm_fail_type(ctx, "paddings", paddings->type);
	}
	ZTFLM_CHECK(ctx, paddings->elements == 2u * (uint32_t)in->dims_count, ZTFLM_ERR_MODEL,
		    "paddings has %u values for rank %d", (unsigned)paddings->elements,
		    (int)in->dims_count);
	for (int32_t j = 0; j < in->dims_count; j++) {
		int32_t before;
		int32_t after;

		/* Model data carries no alignment promise. */
		memcpy(&before, (const int32_t *)paddings->data + 2 * j, sizeof(before));
		memcpy(&after, (const int32_t *)paddings->data + 2 * j + 1, sizeof(after));
		ZTFLM_CHECK(ctx, before >= 0 && after >= 0, ZTFLM_ERR_UNSUPPORTED,
			    "negative padding in dimension %d", (int)j);
		ZTFLM_CHECK(ctx, in->dims[j] >= 0 &&
					 (int64_t)in->dims[j] + before + after == io->out[0].dims[j],
			    ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, not %d padded by %d and %d", (int)j,
			    (int)io->out[0].dims[j], (int)in->dims[j], (int)before, (int)after);
		if (before == 0 && after == 0) {
			if (in->dims[j] == 1) {
				continue;
			}
			if (nd > 0 && dims[nd - 1].before == 0 && dims[nd - 1].after == 0) {
				dims[nd - 1].in *= (uint32_t)in->dims[j];
				continue;
			}
		}
		dims[nd].in = (uint32_t)in->dims[j];
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
	*count = nd;
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_pad_dim dims[ZTFLM_PAD_MAX_DIMS];
	uint32_t nd = 0;
	int rc = plan(ctx, io, dims, &nd);

	(void)unused;
	if (rc == ZTFLM_OK && io->in[2].index >= 0) {
		rc = check_value_tensor(ctx, io);
	} else if (rc == ZTFLM_OK && out->type == ZTFLM_INT8) {
		ZTFLM_CHECK(ctx, out->zero_point >= INT8_MIN && out->zero_point <= INT8_MAX,
			    ZTFLM_ERR_MODEL, "output zero point %d is outside the int8 range",
			    (int)out->zero_point);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	struct ztflm_pad_params *p = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*p) + nd * sizeof(struct ztflm_pad_dim)));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	memcpy(p + 1, dims, nd * sizeof(struct ztflm_pad_dim));
	p->ndims = nd;
	/* TFLM pads int8 with the output zero point, everything else with 0. */
	p->value = out->type == ZTFLM_INT8 ? out->zero_point : 0;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_pad_f32_ref,
	&ztflm_pad_s8_ref,
	&ztflm_pad_s16_ref,
	&ztflm_pad_s32_ref,
};

/* PAD and PADV2 are one computation; TFLM takes constant_values for either. */
#define PAD_OP(NAME, OPTIONS)                                                                      \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = ZTFLM_OP_##NAME,                                                        \
		.options = (OPTIONS),                                                              \
		.inputs_min = 2,                                                                   \
		.inputs_max = 3,                                                                   \
		.outputs_min = 1,                                                                  \
		.outputs_max = 1,                                                                  \
		.optional = ZTFLM_IN(2),                                                           \
		.same_type = ZTFLM_IN(2) | ZTFLM_OUT(0),                                           \
		.parse = parse,                                                                    \
		ZTFLM_OP_VARIANTS(variants),                                                       \
	}

const struct ztflm_op ztflm_op_pad = PAD_OP(PAD, ZTFLM_OPTIONS_PAD);
const struct ztflm_op ztflm_op_padv2 = PAD_OP(PADV2, ZTFLM_OPTIONS_PADV2);
