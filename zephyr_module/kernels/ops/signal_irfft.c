/* SignalIrfft: the inverse real FFT of each row of fft_length / 2 + 1 complex bins. */
#include "ops/fft.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	(void)params;
	return ztflm_rfft_parse(ctx, io, true);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_irfft_s16_ref,
	&ztflm_signal_irfft_s32_ref,
	&ztflm_signal_irfft_f32_ref,
};

const struct ztflm_op ztflm_op_signal_irfft = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalIrfft",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
