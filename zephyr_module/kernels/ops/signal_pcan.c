/* SignalPCAN: per-channel energy normalization of uint32 channels by their noise estimate. */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"snr_shift"};
	struct ztflm_signal_pcan_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	struct ztflm_flex v[1];
	int rc = ztflm_signal_tensor(ctx, "input", in, ZTFLM_UINT32, 1);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "noise estimate", &io->in[1], ZTFLM_UINT32, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "gain table", &io->in[2], ZTFLM_INT16, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", &io->out[0], ZTFLM_UINT32, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 1, v);
	}
	if (rc == ZTFLM_OK) {
		/* A shift of a uint64. */
		rc = ztflm_options_slot_int(ctx, &v[0], "snr_shift", 0, 63, &p->snr_shift);
	}
	if (rc == ZTFLM_OK) {
		/* TFLM copies the output's size from the input, then reads the input's count of
		 * noise estimates. */
		rc = ztflm_signal_same_size(ctx, "output", &io->out[0], "input", in);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, io->in[1].elements >= in->elements, ZTFLM_ERR_MODEL,
		    "noise estimate has %u elements for %u channels", io->in[1].elements,
		    in->elements);
	ZTFLM_CHECK(ctx, io->in[2].elements >= ZTFLM_PCAN_LUT_ENTRIES, ZTFLM_ERR_MODEL,
		    "gain table has %u entries, the gain function reads %u", io->in[2].elements,
		    (unsigned int)ZTFLM_PCAN_LUT_ENTRIES);
	p->channels = in->elements;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_pcan_u32_ref,
};

const struct ztflm_op ztflm_op_signal_pcan = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalPCAN",
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_signal_pcan_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
