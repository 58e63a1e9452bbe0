/* SignalFftAutoScale, reference variant. */
#include "ops/signal.h"
#include "reference/signal_math.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_fft_auto_scale_params *p = params;
	const int16_t *in = ztflm_input_data(ctx, 0);
	int16_t *out = ztflm_output_data(ctx, 0);
	int16_t max = 0;

	/* TFLM's MaxAbs16, quirk included: -(-32768) stored back in int16 is -32768, which every
	 * later value then exceeds. */
	for (uint32_t i = 0; i < p->size; i++) {
		const int16_t v = in[i];

		if (v > max) {
			max = v;
		} else if (-v > max) {
			max = (int16_t)-v;
		}
	}
	int32_t bits = 16 - (int32_t)ztflm_msb32((uint32_t)(int32_t)max) - 1;

	if (bits < 0) {
		bits = 0;
	}
	for (uint32_t i = 0; i < p->size; i++) {
		out[i] = (int16_t)(in[i] * (1 << bits));
	}
	*(int32_t *)ztflm_output_data(ctx, 1) = bits;
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_fft_auto_scale_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
