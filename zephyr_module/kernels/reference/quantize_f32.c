/* QUANTIZE from float32 to int8 and int16 (reference). */
#include <math.h>

#include "common/quant.h"
#include "ops/quantize.h"

/*
 * round(x / scale) + zp as TFLM computes it on the host it is tested
 * against: a float to int32 conversion out of range (or of NaN) gives
 * INT32_MIN there (x86 cvttss2si), and adding the zero point wraps.
 */
static inline int32_t quantize_one(const struct ztflm_quantize_params *p, float x)
{
	const float r = roundf(x / p->output_scale);
	const int32_t q = (r >= -2147483648.0f && r < 2147483648.0f) ? (int32_t)r : INT32_MIN;

	return (int32_t)((uint32_t)q + (uint32_t)p->output_zero_point);
}

void ztflm_quantize_f32_s8(const struct ztflm_quantize_params *p, const float *in, int8_t *out,
			   uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		out[i] = (int8_t)ztflm_clamp_i32(quantize_one(p, in[i]), INT8_MIN, INT8_MAX);
	}
}

void ztflm_quantize_f32_s16(const struct ztflm_quantize_params *p, const float *in,
			    int16_t *out, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		out[i] = (int16_t)ztflm_clamp_i32(quantize_one(p, in[i]), INT16_MIN, INT16_MAX);
	}
}
