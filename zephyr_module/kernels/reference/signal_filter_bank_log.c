/* SignalFilterBankLog, reference variant. */
#include "ops/signal.h"
#include "reference/signal_math.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_filter_bank_log_params *p = params;
	const uint32_t *in = ztflm_input_data(ctx, 0);
	int16_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t i = 0; i < p->size; i++) {
		const uint32_t scaled = in[i] << p->correction_bits;

		if (scaled > 1u) {
			const uint32_t v = ztflm_log32(scaled, p->output_scale);

			out[i] = (int16_t)(v < (uint32_t)INT16_MAX ? v : (uint32_t)INT16_MAX);
		} else {
			out[i] = 0;
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_filter_bank_log_u32_ref, ZTFLM_UINT32, ZTFLM_INT16, eval, NULL, NULL);
