/* SignalFftAutoScale: int16 samples shifted left as far as the largest magnitude allows. */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_signal_fft_auto_scale_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	/* TFLM reads no options for it. */
	int rc = ztflm_signal_tensor(ctx, "input", in, ZTFLM_INT16, 1);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", out, ZTFLM_INT16, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output 1", &io->out[1], ZTFLM_INT32, 0);
	}
	if (rc == ZTFLM_OK) {
		/* TFLM takes the length from the output and reads that much input. */
		rc = ztflm_signal_same_size(ctx, "output", out, "input", in);
	}
	p->size = in->elements;
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_fft_auto_scale_s16_ref,
};

const struct ztflm_op ztflm_op_signal_fft_auto_scale = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFftAutoScale",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 2,
	.outputs_max = 2,
	.params_bytes = sizeof(struct ztflm_signal_fft_auto_scale_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
