/*
 * SignalFilterBank: triangular filters over a uint32 energy spectrum into uint64 channels.
 * Inputs: spectrum, weights, unweights, and per channel (num_channels + 1 entries, the first
 * a scratch channel TFLM discards) its first bin, its first weight and its width.
 */
#include "ops/signal.h"

static const char *const names[] = {"spectrum",      "weights",       "unweights",
				    "channel starts", "weight starts", "channel widths"};

/* Every bin and weight each channel reads lies in its tensor. */
static int check_channels(struct ztflm_context *ctx, const struct ztflm_io *io, uint32_t channels)
{
	const int16_t *freq = io->in[3].data;
	const int16_t *weight = io->in[4].data;
	const int16_t *width = io->in[5].data;
	const uint32_t weights = io->in[1].elements < io->in[2].elements ? io->in[1].elements
									 : io->in[2].elements;

	for (uint32_t i = 0; i <= channels; i++) {
		const int32_t w = width[i];

		/* A width of 0 or less reads nothing. */
		ZTFLM_CHECK(ctx,
			    w <= 0 || (freq[i] >= 0 && freq[i] + w <= (int32_t)io->in[0].elements &&
				       weight[i] >= 0 && weight[i] + w <= (int32_t)weights),
			    ZTFLM_ERR_MODEL,
			    "channel %u reads bins %d to %d of %u and weights %d to %d of %u", i,
			    (int)freq[i], (int)(freq[i] + w - 1), io->in[0].elements,
			    (int)weight[i], (int)(weight[i] + w - 1), weights);
	}
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"num_channels"};
	struct ztflm_signal_filter_bank_params *p = params;
	struct ztflm_flex v[1];
	int32_t channels = 0;
	int rc = ztflm_signal_tensor(ctx, "output", &io->out[0], ZTFLM_UINT64, 1);

	for (int32_t i = 0; rc == ZTFLM_OK && i < 6; i++) {
		rc = ztflm_signal_tensor(ctx, names[i], &io->in[i], i ? ZTFLM_INT16 : ZTFLM_UINT32,
					 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 1, v);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[0], "num_channels", 0, INT32_MAX - 1,
					    &channels);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, io->out[0].elements == (uint32_t)channels, ZTFLM_ERR_MODEL,
		    "output has %u elements for %d channels", io->out[0].elements, (int)channels);
	for (int32_t i = 3; i < 6; i++) {
		ZTFLM_MSG_ONLY(names[i]);
		/* TFLM reads them as it runs; here they are checked once, so they are constants. */
		ZTFLM_CHECK(ctx, io->in[i].is_const, ZTFLM_ERR_UNSUPPORTED,
			    "%s must be a constant tensor", names[i]);
		ZTFLM_CHECK(ctx, io->in[i].elements > (uint32_t)channels, ZTFLM_ERR_MODEL,
			    "%s has %u entries for %d channels and the scratch one", names[i],
			    io->in[i].elements, (int)channels);
	}
	p->channels = (uint32_t)channels;
	return check_channels(ctx, io, p->channels);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_filter_bank_u32_ref,
};

const struct ztflm_op ztflm_op_signal_filter_bank = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFilterBank",
	.inputs_min = 6,
	.inputs_max = 6,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_signal_filter_bank_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
