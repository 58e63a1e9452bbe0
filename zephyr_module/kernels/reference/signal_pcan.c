/* SignalPCAN, reference variant: TFLM's fixed-point automatic gain control. */
#include "ops/signal.h"
#include "reference/signal_math.h"

/* Fraction bits of the signal-to-noise ratio and of the output. */
#define SNR_BITS 12
#define OUTPUT_BITS 6

/* The gain for noise estimate x: a quadratic per octave of x from the table. */
static int16_t gain(uint32_t x, const int16_t *lut)
{
	if (x <= 2u) {
		return lut[x];
	}
	const uint32_t interval = ztflm_msb32(x);

	lut += 4u * interval - 6u;
	const int16_t frac = (int16_t)(((interval < 11u) ? (x << (11u - interval))
							 : (x >> (interval - 11u))) &
				       0x3FFu);
	int32_t result = ((int32_t)lut[2] * frac) >> 5;

	result += (int32_t)((uint32_t)lut[1] << 5);
	result *= frac;
	result = (result + (1 << 14)) >> 15;
	result += lut[0];
	return (int16_t)result;
}

/* x^2 / 4 below 2, x - 1 from 2 on. */
static uint32_t shrink(uint32_t x)
{
	if (x < (2u << SNR_BITS)) {
		return (x * x) >> (2 + 2 * SNR_BITS - OUTPUT_BITS);
	}
	return (x >> (SNR_BITS - OUTPUT_BITS)) - (1u << OUTPUT_BITS);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_pcan_params *p = params;
	const uint32_t *in = ztflm_input_data(ctx, 0);
	const uint32_t *noise = ztflm_input_data(ctx, 1);
	const int16_t *lut = ztflm_input_data(ctx, 2);
	uint32_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t i = 0; i < p->channels; i++) {
		/* A negative gain becomes a large uint32, as in TFLM. */
		const uint32_t g = (uint32_t)(int32_t)gain(noise[i], lut);
		const uint32_t snr = (uint32_t)(((uint64_t)in[i] * g) >> p->snr_shift);

		out[i] = shrink(snr);
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_pcan_u32_ref, ZTFLM_UINT32, ZTFLM_UINT32, eval, NULL, NULL);
