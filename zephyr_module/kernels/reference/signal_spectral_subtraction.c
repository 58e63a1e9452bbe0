/* SignalFilterBankSpectralSubtraction, reference variant and state reset. */
#include <string.h>

#include "ops/signal.h"

static uint32_t *noise_of(const struct ztflm_signal_spectral_subtraction_params *p)
{
	return (uint32_t *)(uintptr_t)(p + 1);
}

void ztflm_signal_spectral_subtraction_reset(void *params)
{
	const struct ztflm_signal_spectral_subtraction_params *p = params;

	memset(noise_of(p), 0, p->channels * sizeof(uint32_t));
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_spectral_subtraction_params *p = params;
	const uint32_t *in = ztflm_input_data(ctx, 0);
	uint32_t *out = ztflm_output_data(ctx, 0);
	uint32_t *noise = noise_of(p);

	for (uint32_t i = 0; i < p->channels; i++) {
		/* Odd channels take the alternate coefficients. */
		const uint32_t smoothing = (i & 1u) ? p->alternate_smoothing : p->smoothing;
		const uint32_t keep =
			(i & 1u) ? p->alternate_one_minus_smoothing : p->one_minus_smoothing;
		const uint32_t signal = in[i] << p->smoothing_bits;

		noise[i] = (uint32_t)(((uint64_t)signal * smoothing + (uint64_t)noise[i] * keep) >>
				      p->spectral_subtraction_bits);
		uint32_t estimate = noise[i];

		if (estimate > signal) {
			estimate = signal;
			if (p->clamping) {
				noise[i] = estimate;
			}
		}
		const uint32_t floor = (uint32_t)(((uint64_t)in[i] * p->min_signal_remaining) >>
						  p->spectral_subtraction_bits);
		const uint32_t subtracted = (signal - estimate) >> p->smoothing_bits;

		out[i] = subtracted > floor ? subtracted : floor;
	}
	memcpy(ztflm_output_data(ctx, 1), noise, p->channels * sizeof(uint32_t));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_spectral_subtraction_u32_ref, ZTFLM_UINT32, ZTFLM_UINT32, eval, NULL, NULL);
