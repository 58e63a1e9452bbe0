/* SignalFilterBankSquareRoot: the square root of each uint64 channel, shifted right. */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_signal_filter_bank_square_root_params *p = params;
	/* TFLM reads no options for it. */
	int rc = ztflm_signal_tensor(ctx, "input", &io->in[0], ZTFLM_UINT64, 1);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "scale bits", &io->in[1], ZTFLM_INT32, 0);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", &io->out[0], ZTFLM_UINT32, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_same_size(ctx, "output", &io->out[0], "input", &io->in[0]);
	}
	p->size = io->in[0].elements;
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_filter_bank_square_root_u64_ref,
};

const struct ztflm_op ztflm_op_signal_filter_bank_square_root = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFilterBankSquareRoot",
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_signal_filter_bank_square_root_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
