/* SQUEEZE: drops axes of size 1, those listed or every one; a view of its input. */
#include <ztflm/schema.h>

#include "common/int_at.h"
#include "ops/view.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	const int32_t rank = in->dims_count;
	const int32_t *axes = NULL;
	const int32_t count = ztflm_option_i32_vector(ctx, ZTFLM_SQUEEZE_DIMS, &axes);
	uint32_t squeeze = 0;
	int32_t kept = 0;

	(void)unused;
	/* TFLM keeps the list in 8 entries and refuses a longer one. */
	ZTFLM_CHECK(ctx, count <= ZTFLM_MAX_DIMS, ZTFLM_ERR_MODEL,
		    "squeeze_dims has %d entries, at most %d", (int)count, ZTFLM_MAX_DIMS);
	for (int32_t i = 0; i < count; i++) {
		const int32_t a = (int32_t)ztflm_int_at(axes, ZTFLM_INT32, (uint32_t)i);
		const int32_t axis = a < 0 ? a + rank : a;

		ZTFLM_CHECK(ctx, axis >= 0 && axis < rank && in->dims[axis] == 1, ZTFLM_ERR_MODEL,
			    "squeeze_dims entry %d is %d: not an axis of size 1 of the rank %d input",
			    (int)i, (int)a, (int)rank);
		squeeze |= 1u << axis;
	}
	for (int32_t d = 0; d < rank; d++) {
		if (count <= 0 && in->dims[d] == 1) {
			squeeze |= 1u << d;
		}
		if (squeeze & (1u << d)) {
			continue;
		}
		ZTFLM_CHECK(ctx, kept < out->dims_count && out->dims[kept] == in->dims[d],
			    ZTFLM_ERR_MODEL, "output dimension %d is not input dimension %d (%d)",
			    (int)kept, (int)d, (int)in->dims[d]);
		kept++;
	}
	ZTFLM_CHECK(ctx, kept == out->dims_count, ZTFLM_ERR_MODEL,
		    "output rank %d is not the %d axes left after squeezing", (int)out->dims_count,
		    (int)kept);
	return ztflm_alias_output(ctx);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_view_ref,
};

const struct ztflm_op ztflm_op_squeeze = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SQUEEZE,
	.options = ZTFLM_OPTIONS_SQUEEZE,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
