/* SignalEnergy, reference variant. */
#include <string.h>

#include "ops/signal.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_energy_params *p = params;
	const int16_t *in = ztflm_input_data(ctx, 0);
	uint32_t *out = ztflm_output_data(ctx, 0);

	/* TFLM leaves the bins outside [start, end) as the arena had them: zeros here. */
	memset(out, 0, p->start * sizeof(*out));
	for (uint32_t i = p->start; i < p->end; i++) {
		const int32_t re = in[2u * i];
		const int32_t im = in[2u * i + 1u];

		/* -32768 squared twice is 2^31: TFLM's int32 sum wraps into the uint32. */
		out[i] = (uint32_t)(re * re) + (uint32_t)(im * im);
	}
	if (p->end > p->start) {
		memset(out + p->end, 0, (p->size - p->end) * sizeof(*out));
	} else {
		memset(out + p->start, 0, (p->size - p->start) * sizeof(*out));
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_energy_s16_ref, ZTFLM_INT16, ZTFLM_UINT32, eval, NULL, NULL);
