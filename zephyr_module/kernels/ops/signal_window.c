/* SignalWindow: int16 samples times int16 weights, shifted right, saturated to int16. */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"shift"};
	struct ztflm_signal_window_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *w = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_flex v[1];
	int rc = ztflm_options_exactly(ctx, keys, 1, v);

	if (rc == ZTFLM_OK) {
		/* TFLM shifts an int32 by it: 32 and more, or a negative shift, is undefined. */
		rc = ztflm_options_slot_int(ctx, &v[0], "shift", 0, 31, &p->shift);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "weights", w, ZTFLM_INT16, 1);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in->dims_count >= 1 && out->dims_count == in->dims_count, ZTFLM_ERR_MODEL,
		    "input and output need the same rank, at least 1 (%d and %d)",
		    (int)in->dims_count, (int)out->dims_count);
	rc = ztflm_signal_same_size(ctx, "output", out, "input", in);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM applies the window at every multiple of its length up to the input's size. */
	ZTFLM_CHECK(ctx, in->elements == 0 || (w->elements > 0 && in->elements % w->elements == 0),
		    ZTFLM_ERR_MODEL, "input of %u elements is not a whole number of windows of %u",
		    in->elements, w->elements);
	p->size = in->elements;
	p->weights = w->elements;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_window_s16_ref,
};

const struct ztflm_op ztflm_op_signal_window = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalWindow",
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_signal_window_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
