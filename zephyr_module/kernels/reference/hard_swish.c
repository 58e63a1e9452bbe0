/*
 * HARD_SWISH, reference variants: TFLM's int8 arithmetic on 16-bit gemmlowp fixed point (its
 * int16 rounding, saturation and wrapping reproduced as 32-bit operations), and float32.
 */
#include "ops/hard_swish.h"

/* gemmlowp SaturatingRoundingDoublingHighMul on int16. */
static inline int32_t srdhm16(int32_t a, int32_t b)
{
	if (a == INT16_MIN && b == INT16_MIN) {
		return INT16_MAX;
	}
	const int32_t ab = a * b;

	return (int16_t)((ab + (ab >= 0 ? (1 << 14) : 1 - (1 << 14))) / (1 << 15));
}

/* TFLM SaturatingDoublingHighMul: the same, rounding toward zero. */
static inline int32_t sdhm16(int32_t a, int32_t b)
{
	if (a == INT16_MIN && b == INT16_MIN) {
		return INT16_MAX;
	}
	return (int16_t)((a * b) / (1 << 15));
}

/*
 * gemmlowp RoundingDivideByPOT on int16: its mask is (2^e - 1) cut to 16 bits (all ones from
 * e = 16), and its sum wraps in 16 bits.
 */
static inline int32_t rdbpot16(int32_t x, int32_t exponent)
{
	const int32_t mask = (int16_t)(uint16_t)((1ull << exponent) - 1u);
	const int32_t remainder = (int16_t)(x & mask);
	const int32_t threshold = (int16_t)((mask >> 1) + (x < 0 ? 1 : 0));

	return (int16_t)((x >> exponent) + (remainder > threshold ? 1 : 0));
}

/* TFLM SaturatingLeftShift of an int16 value. */
static inline int32_t saturating_shl16(int32_t x, int32_t amount)
{
	const int64_t r = (int64_t)x * ((int64_t)1 << amount);

	return r > INT16_MAX ? INT16_MAX : (r < INT16_MIN ? INT16_MIN : (int32_t)r);
}

static inline int32_t hard_swish_s8(const struct ztflm_hard_swish_params *p, int32_t x)
{
	const int32_t hires = (x - p->input_zero_point) * (1 << 7);
	const int32_t preshift = srdhm16(hires, p->output_multiplier);
	int32_t reluish = hires;

	/* All but the last bit of a left shift first, so only the last one can saturate. */
	if (p->reluish_exponent > 0) {
		reluish = saturating_shl16(reluish, p->reluish_exponent - 1);
	}
	reluish = srdhm16(reluish, p->reluish_multiplier);
	if (p->reluish_exponent > 0) {
		reluish = saturating_shl16(reluish, 1);
	}
	if (p->reluish_exponent < 0) {
		reluish = rdbpot16(reluish, -p->reluish_exponent);
	}
	/* From [-1, 1] to [0, 1]. */
	reluish = (reluish + (1 << 15)) >> 1;
	const int32_t out = rdbpot16(sdhm16(reluish, preshift), -p->output_exponent);
	/* TFLM adds the zero point in int16, which wraps. */
	const int32_t q = (int16_t)(uint16_t)(out + p->output_zero_point);

	return q > INT8_MAX ? INT8_MAX : (q < INT8_MIN ? INT8_MIN : q);
}

static inline float hard_swish_f32(const struct ztflm_hard_swish_params *p, float x)
{
	(void)p;
	/* TFLM: x * min(6, max(0, x + 3)) / 6, where std::max(0, NaN) is 0. */
	const float y = x + 3.0f;
	const float relu = 0.0f < y ? y : 0.0f;
	const float relu6 = relu < 6.0f ? relu : 6.0f;

	return x * relu6 / 6.0f;
}

#define P struct ztflm_hard_swish_params
ZTFLM_UNARY_VARIANT(hard_swish_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, hard_swish_s8);
ZTFLM_UNARY_VARIANT(hard_swish_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
		    hard_swish_f32);
