/* SignalRfft: the real FFT of each row (int16, int32 or float32), zero-padded to fft_length. */
#include "ops/fft.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	(void)params;
	return ztflm_rfft_parse(ctx, io, false);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_rfft_s16_ref,
	&ztflm_signal_rfft_s32_ref,
	&ztflm_signal_rfft_f32_ref,
};

const struct ztflm_op ztflm_op_signal_rfft = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalRfft",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
