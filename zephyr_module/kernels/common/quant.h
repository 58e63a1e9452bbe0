/* Fixed-point helpers shared by the kernels, bit-exact with TFLM's (double rounding). */
#ifndef ZTFLM_KERNELS_QUANT_H_
#define ZTFLM_KERNELS_QUANT_H_

#include <math.h>
#include <stdbool.h>
#include <stdint.h>

#include <ztflm/kernel.h>

/** A fused activation's range: q for quantized and int32 outputs, f for float32. */
union ztflm_act_range {
	struct {
		int32_t min;
		int32_t max;
	} q;
	struct {
		float min;
		float max;
	} f;
};

/** TFLM QuantizeMultiplier: real multiplier to a Q31 multiplier and a shift (left if > 0). */
void ztflm_quantize_multiplier(double real, int32_t *multiplier, int32_t *shift);

/**
 * TFLM QuantizeMultiplierSmallerThanOneExp, which aborts outside (0, 1): fails the node with
 * ZTFLM_ERR_UNSUPPORTED and the message why there instead.
 */
int ztflm_quantize_multiplier_below_one(struct ztflm_context *ctx, double real, const char *why,
					int32_t *multiplier, int32_t *shift);

/** gemmlowp SaturatingRoundingDoublingHighMul. */
static inline int32_t ztflm_srdhm(int32_t a, int32_t b)
{
	if (a == b && a == INT32_MIN) {
		return INT32_MAX;
	}
	int64_t ab = (int64_t)a * (int64_t)b;
	int32_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
	/* Division, not a shift: gemmlowp rounds toward zero here. */
	return (int32_t)((ab + nudge) / ((int64_t)1 << 31));
}

/** gemmlowp RoundingDivideByPOT: round half away from zero. */
static inline int32_t ztflm_rdbpot(int32_t x, int32_t exponent)
{
	const int32_t mask = (int32_t)((1u << exponent) - 1u);
	const int32_t remainder = x & mask;
	const int32_t threshold = (mask >> 1) + ((x < 0) ? 1 : 0);
	return (x >> exponent) + ((remainder > threshold) ? 1 : 0);
}

/** TFLM MultiplyByQuantizedMultiplier (double rounding). */
static inline int32_t ztflm_mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
	const int32_t left = shift > 0 ? shift : 0;
	const int32_t right = shift > 0 ? 0 : -shift;
	return ztflm_rdbpot(ztflm_srdhm((int32_t)((uint32_t)x << left), multiplier), right);
}

/**
 * TFLM MultiplyByQuantizedMultiplier for an int64 accumulator (16x8 kernels): the multiplier
 * rounded to 16 bits, one rounding shift of 15 - shift, the result truncated to int32. The
 * product wraps as TFLM's does on hostile biases; callers keep shift <= 14 (a larger one
 * shifts by a negative count in TFLM).
 */
static inline int32_t ztflm_mbqm64(int64_t x, int32_t multiplier, int32_t shift)
{
	const int32_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
	const int32_t total = 15 - shift;
	const uint64_t r = (uint64_t)x * (uint64_t)(int64_t)reduced + ((uint64_t)1 << (total - 1));

	return (int32_t)(uint32_t)(uint64_t)((int64_t)r >> total);
}

/** TFLM MultiplyByQuantizedMultiplierSmallerThanOneExp. */
static inline int32_t ztflm_mbqm_smaller_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
	return ztflm_rdbpot(ztflm_srdhm(x, multiplier), -shift);
}

/** TFLM MultiplyByQuantizedMultiplierGreaterThanOne. */
static inline int32_t ztflm_mbqm_greater_than_one(int32_t x, int32_t multiplier, int32_t shift)
{
	return ztflm_srdhm((int32_t)((uint32_t)x << shift), multiplier);
}

/**
 * TFLM CalculateActivationRangeQuantized for an output of type (int8, int16,
 * uint8, int32). Fails when the activation cannot be fused or overflows.
 */
int ztflm_activation_range_quantized(struct ztflm_context *ctx, int32_t activation, float scale,
				     int32_t zero_point, uint8_t type, int32_t *act_min,
				     int32_t *act_max);

/** TFLM CheckedLog2: log2(x) rounded in *log2, and whether x is within 0.07% of that power
 * of two; *log2 is 0 for a scale of 0, infinity or NaN (a hostile model's). */
bool ztflm_checked_log2(float x, int32_t *log2);

/** TFLM CalculateActivationRange<int32_t>. */
void ztflm_activation_range_i32(int32_t activation, int32_t *act_min, int32_t *act_max);

/** TFLM CalculateActivationRange<float>. */
void ztflm_activation_range_float(int32_t activation, float *act_min, float *act_max);

static inline int32_t ztflm_clamp_i32(int32_t x, int32_t lo, int32_t hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

static inline float ztflm_clamp_f32(float x, float lo, float hi)
{
	/* TFLM's ActivationFunctionWithMinMax: min(max(x, lo), hi). */
	float y = x < lo ? lo : x;
	return y > hi ? hi : y;
}

/*
 * A float sum's next value as TFLM's x86 build gives it: once the sum is NaN it keeps its own
 * payload (the first NaN added); the compiler may otherwise pick either NaN operand.
 */
static inline float ztflm_add_f32(float acc, float x)
{
	return isnan(acc) ? acc : acc + x;
}

#endif /* ZTFLM_KERNELS_QUANT_H_ */
