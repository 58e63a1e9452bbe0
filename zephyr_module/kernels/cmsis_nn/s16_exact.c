/*
 * The bound under which CMSIS-NN's 16x8 kernels compute what TFLM's reference does.
 *
 * CMSIS-NN sums a channel's products in int32 (SMLAD, VMLADAV) where TFLM sums in int64, and
 * its arm_nn_requantize_s64 truncates (acc + bias) * reduced multiplier >> (14 - shift) to
 * int32 before the last rounding shift, where TFLM keeps int64 to the end. Below both limits
 * the two are the same integer (floor((floor(v / 2^(s-1)) + 1) / 2) = floor((v + 2^(s-1)) /
 * 2^s)). Every input is at most 32768 in magnitude, so a channel's sums are bounded by
 * 32768 * sum |w|, known from the constant weights; the int32 path (acc32) needs only the
 * first limit, its requantization being CMSIS-NN's int8 one (cmsis_nn_glue.h).
 */
#include <string.h>

#include "cmsis_nn/cmsis_nn_glue.h"

#define MAX_INPUT 32768u
/* Bias magnitudes beyond this are refused before they can overflow the int64 product. */
#define MAX_BIAS ((uint64_t)1 << 40)

static uint64_t abs_bias(const void *bias, uint32_t c, bool acc32)
{
	if (bias == NULL) {
		return 0u;
	}
	int64_t b;

	if (acc32) {
		b = ((const int32_t *)bias)[c];
	} else {
		/* An int64 in the model is 4-byte aligned only. */
		memcpy(&b, (const uint8_t *)bias + 8u * c, sizeof(b));
	}
	return b < 0 ? 0u - (uint64_t)b : (uint64_t)b;
}

/* Whether arm_nn_requantize_s64 keeps (sum + bias) * reduced multiplier in int32 range. */
static bool requantize_fits(uint64_t magnitude, int32_t multiplier, int32_t shift)
{
	if (multiplier < 0 || shift > 7 || shift < -31 || magnitude > 2u * MAX_BIAS) {
		return false;
	}
	const uint64_t reduced = multiplier < 0x7FFF0000
					 ? ((uint64_t)multiplier + (1u << 15)) >> 16
					 : 0x7FFFu;

	return (magnitude * reduced) >> (14 - shift) <= (uint64_t)INT32_MAX;
}

/* Whether a channel whose sums stay within sums in magnitude meets both limits. */
static bool channel_fits(uint64_t sums, uint64_t bias, bool acc32, int32_t multiplier,
			 int32_t shift)
{
	return sums <= (uint64_t)INT32_MAX &&
	       (acc32 || requantize_fits(sums + bias, multiplier, shift));
}

bool ztflm_cmsis_s16_exact(const int8_t *filter, uint32_t channels, uint32_t taps,
			   uint32_t channel_step, uint32_t tap_step, const void *bias,
			   bool acc32, const int32_t *multiplier, const int32_t *shift,
			   uint32_t quant_step)
{
	for (uint32_t c = 0; c < channels; c++) {
		const uint64_t b = abs_bias(bias, c, acc32);
		const int32_t m = multiplier[c * quant_step];
		const int32_t s = shift[c * quant_step];

		if (b > MAX_BIAS) {
			return false;
		}
		/* Every weight at -128 first: no pass over the weights for small windows. */
		if (channel_fits((uint64_t)taps * 128u * MAX_INPUT, b, acc32, m, s)) {
			continue;
		}
		const int8_t *w = filter + c * channel_step;
		uint64_t total = 0;

		for (uint32_t t = 0; t < taps; t++) {
			const int32_t v = w[t * tap_step];

			total += (uint64_t)(v < 0 ? -v : v);
		}
		if (!channel_fits(total * MAX_INPUT, b, acc32, m, s)) {
			return false;
		}
	}
	return true;
}
