/* SignalWindow, reference variant. */
#include "ops/signal.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_window_params *p = params;
	const int16_t *in = ztflm_input_data(ctx, 0);
	const int16_t *w = ztflm_input_data(ctx, 1);
	int16_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t i = 0; i < p->size; i += p->weights) {
		for (uint32_t k = 0; k < p->weights; k++) {
			const int32_t raw = ((int32_t)in[i + k] * w[k]) >> p->shift;

			out[i + k] = (int16_t)(raw < INT16_MIN ? INT16_MIN
						: raw > INT16_MAX ? INT16_MAX : raw);
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_window_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
