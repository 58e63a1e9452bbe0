/* SignalFilterBank, reference variant. */
#include "ops/signal.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_filter_bank_params *p = params;
	const uint32_t *in = ztflm_input_data(ctx, 0);
	const int16_t *weights = ztflm_input_data(ctx, 1);
	const int16_t *unweights = ztflm_input_data(ctx, 2);
	const int16_t *freq = ztflm_input_data(ctx, 3);
	const int16_t *start = ztflm_input_data(ctx, 4);
	const int16_t *width = ztflm_input_data(ctx, 5);
	uint64_t *out = ztflm_output_data(ctx, 0);
	uint64_t weighted = 0;
	uint64_t unweighted = 0;

	/* Each bin adds to two neighbouring channels, weighted and unweighted; channel 0 is the
	 * scratch one TFLM discards. A negative weight wraps into uint64, as in TFLM. */
	for (uint32_t i = 0; i <= p->channels; i++) {
		for (int32_t j = 0; j < width[i]; j++) {
			const uint64_t x = in[freq[i] + j];

			weighted += (uint64_t)(int64_t)weights[start[i] + j] * x;
			unweighted += (uint64_t)(int64_t)unweights[start[i] + j] * x;
		}
		if (i > 0) {
			out[i - 1u] = weighted;
		}
		weighted = unweighted;
		unweighted = 0;
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_filter_bank_u32_ref, ZTFLM_UINT32, ZTFLM_UINT64, eval, NULL, NULL);
