/*
 * SignalFilterBankSpectralSubtraction: each uint32 channel minus a smoothed noise estimate,
 * floored at a share of the signal. The estimate is state (the op data's tail), zero after a
 * reset; output 1 is a copy of it.
 */
#include <string.h>

#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {
		"alternate_one_minus_smoothing", "alternate_smoothing", "clamping",
		"min_signal_remaining", "num_channels", "one_minus_smoothing", "smoothing",
		"smoothing_bits", "spectral_subtraction_bits",
	};
	/* Where each integer key lands, in keys' order (clamping, a bool, aside). */
	static const uint8_t slots[] = {
		offsetof(struct ztflm_signal_spectral_subtraction_params,
			 alternate_one_minus_smoothing),
		offsetof(struct ztflm_signal_spectral_subtraction_params, alternate_smoothing),
		0,
		offsetof(struct ztflm_signal_spectral_subtraction_params, min_signal_remaining),
		offsetof(struct ztflm_signal_spectral_subtraction_params, channels),
		offsetof(struct ztflm_signal_spectral_subtraction_params, one_minus_smoothing),
		offsetof(struct ztflm_signal_spectral_subtraction_params, smoothing),
		offsetof(struct ztflm_signal_spectral_subtraction_params, smoothing_bits),
		offsetof(struct ztflm_signal_spectral_subtraction_params, spectral_subtraction_bits),
	};
	struct ztflm_signal_spectral_subtraction_params q;
	struct ztflm_flex v[9];
	bool clamping = false;
	int rc = ztflm_signal_tensor(ctx, "input", &io->in[0], ZTFLM_UINT32, 1);

	for (int32_t i = 0; rc == ZTFLM_OK && i < 2; i++) {
		rc = ztflm_signal_tensor(ctx, i ? "output 1" : "output", &io->out[i], ZTFLM_UINT32,
					 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 9, v);
	}
	memset(&q, 0, sizeof(q));
	for (uint32_t i = 0; rc == ZTFLM_OK && i < 9; i++) {
		/* Shifts of a uint32 (smoothing_bits) and a uint64: past their width is undefined.
		 * TFLM keeps the others as uint32 (a negative one wraps, as here). */
		const int32_t hi = i == 7 ? 31 : i == 8 ? 63 : INT32_MAX;
		const int32_t lo = i >= 7 || i == 4 ? 0 : INT32_MIN;
		int32_t value = 0;

		if (i == 2) {
			rc = ztflm_options_slot_bool(ctx, &v[i], keys[i], &clamping);
			continue;
		}
		rc = ztflm_options_slot_int(ctx, &v[i], keys[i], lo, hi, &value);
		memcpy((uint8_t *)&q + slots[i], &value, sizeof(value));
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	q.clamping = clamping;
	for (int32_t i = 0; i < 2; i++) {
		ZTFLM_CHECK(ctx, io->in[0].elements == q.channels && io->out[i].elements == q.channels,
			    ZTFLM_ERR_MODEL,
			    "input has %u elements and output %d %u, not num_channels %u",
			    io->in[0].elements, (int)i, io->out[i].elements, q.channels);
	}
	/* num_channels is the input's element count: its state fits any arena that input does. */
	struct ztflm_signal_spectral_subtraction_params *p =
		ztflm_alloc_op_data(ctx, (uint32_t)sizeof(q) + 4u * q.channels);

	(void)params;
	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_spectral_subtraction_u32_ref,
};

const struct ztflm_op ztflm_op_signal_filter_bank_spectral_subtraction = {
	ZTFLM_OP_STATEFUL(ztflm_signal_spectral_subtraction_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFilterBankSpectralSubtraction",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 2,
	.outputs_max = 2,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
