/*
 * QUANTIZE, reference variants: float to integer and integer to integer, each arithmetic
 * written once and instantiated for every type pair TFLM's eval handles.
 */
#include <math.h>

#include "common/mathf.h"
#include "common/quant.h"
#include "ops/quantize.h"

/*
 * round(x / scale) + zp as TFLM computes it on the host it is tested
 * against: a float to int32 conversion out of range (or of NaN) gives
 * INT32_MIN there (x86 cvttss2si), and adding the zero point wraps.
 */
static inline int32_t quantize(const struct ztflm_quantize_params *p, float x)
{
	const float r = ztflm_roundf(x / p->output_scale);
	const int32_t q = (r >= -2147483648.0f && r < 2147483648.0f) ? (int32_t)r : INT32_MIN;

	return (int32_t)((uint32_t)q + (uint32_t)p->output_zero_point);
}

/* TFLM Requantize; the wrapping adds mirror its int32 arithmetic on overflow. */
static inline int32_t requantize(const struct ztflm_quantize_params *p, int32_t x)
{
	const int32_t centered = (int32_t)((uint32_t)x - (uint32_t)p->input_zero_point);
	const int32_t scaled = ztflm_mbqm(centered, p->multiplier, p->shift);

	return (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);
}

/* Each saturated to the output type (an int32 output takes requantize as it is). */
static inline int32_t quantize_s8(const struct ztflm_quantize_params *p, float x)
{
	return ztflm_clamp_i32(quantize(p, x), INT8_MIN, INT8_MAX);
}

static inline int32_t quantize_s16(const struct ztflm_quantize_params *p, float x)
{
	return ztflm_clamp_i32(quantize(p, x), INT16_MIN, INT16_MAX);
}

static inline int32_t requantize_s8(const struct ztflm_quantize_params *p, int32_t x)
{
	return ztflm_clamp_i32(requantize(p, x), INT8_MIN, INT8_MAX);
}

static inline int32_t requantize_u8(const struct ztflm_quantize_params *p, int32_t x)
{
	return ztflm_clamp_i32(requantize(p, x), 0, UINT8_MAX);
}

static inline int32_t requantize_s16(const struct ztflm_quantize_params *p, int32_t x)
{
	return ztflm_clamp_i32(requantize(p, x), INT16_MIN, INT16_MAX);
}

#define P struct ztflm_quantize_params
ZTFLM_UNARY_VARIANT(quantize_f32_s8_ref, P, ZTFLM_FLOAT32, float, ZTFLM_INT8, int8_t,
		    quantize_s8);
ZTFLM_UNARY_VARIANT(quantize_f32_s16_ref, P, ZTFLM_FLOAT32, float, ZTFLM_INT16, int16_t,
		    quantize_s16);
ZTFLM_UNARY_VARIANT(quantize_s8_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t,
		    requantize_s8);
ZTFLM_UNARY_VARIANT(quantize_s8_u8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_UINT8, uint8_t,
		    requantize_u8);
ZTFLM_UNARY_VARIANT(quantize_s8_s16_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT16, int16_t,
		    requantize_s16);
ZTFLM_UNARY_VARIANT(quantize_s8_s32_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT32, int32_t,
		    requantize);
ZTFLM_UNARY_VARIANT(quantize_u8_s8_ref, P, ZTFLM_UINT8, uint8_t, ZTFLM_INT8, int8_t,
		    requantize_s8);
ZTFLM_UNARY_VARIANT(quantize_s16_s8_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT8, int8_t,
		    requantize_s8);
ZTFLM_UNARY_VARIANT(quantize_s16_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t,
		    requantize_s16);
ZTFLM_UNARY_VARIANT(quantize_s16_s32_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT32, int32_t,
		    requantize);
ZTFLM_UNARY_VARIANT(quantize_s32_s8_ref, P, ZTFLM_INT32, int32_t, ZTFLM_INT8, int8_t,
		    requantize_s8);
ZTFLM_UNARY_VARIANT(quantize_s32_s16_ref, P, ZTFLM_INT32, int32_t, ZTFLM_INT16, int16_t,
		    requantize_s16);
