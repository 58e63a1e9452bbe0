/* QUANTIZE (requantization) from uint8 to other integer types (reference). */
#include "common/quant.h"
#include "ops/quantize.h"

/* TFLM Requantize; the wrapping adds mirror its int32 arithmetic on overflow. */
static inline int32_t requantize_one(const struct ztflm_quantize_params *p, int32_t x)
{
	const int32_t centered = (int32_t)((uint32_t)x - (uint32_t)p->input_zero_point);
	const int32_t scaled = ztflm_mbqm(centered, p->multiplier, p->shift);

	return (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);
}

void ztflm_requantize_u8_s8(const struct ztflm_quantize_params *p, const uint8_t *in,
			    int8_t *out, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		out[i] = (int8_t)ztflm_clamp_i32(requantize_one(p, in[i]), INT8_MIN, INT8_MAX);
	}
}
