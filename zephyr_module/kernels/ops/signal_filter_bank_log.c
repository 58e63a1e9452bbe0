/* SignalFilterBankLog: int16 natural log of each uint32 channel, scaled. */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"input_correction_bits", "output_scale"};
	struct ztflm_signal_filter_bank_log_params *p = params;
	struct ztflm_flex v[2];
	int32_t bits = 0;
	int32_t scale = 0;
	int rc = ztflm_signal_tensor(ctx, "input", &io->in[0], ZTFLM_UINT32, 1);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", &io->out[0], ZTFLM_INT16, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_same_size(ctx, "output", &io->out[0], "input", &io->in[0]);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 2, v);
	}
	if (rc == ZTFLM_OK) {
		/* A shift of a uint32. */
		rc = ztflm_options_slot_int(ctx, &v[0], keys[0], 0, 31, &bits);
	}
	if (rc == ZTFLM_OK) {
		/* TFLM multiplies it as a uint32 (a negative one wraps, as here). */
		rc = ztflm_options_slot_int(ctx, &v[1], keys[1], INT32_MIN, INT32_MAX, &scale);
	}
	p->size = io->in[0].elements;
	p->correction_bits = (uint32_t)bits;
	p->output_scale = (uint32_t)scale;
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_filter_bank_log_u32_ref,
};

const struct ztflm_op ztflm_op_signal_filter_bank_log = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFilterBankLog",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_signal_filter_bank_log_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
