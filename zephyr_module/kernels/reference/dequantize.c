/* DEQUANTIZE, reference variants: one arithmetic for int8, int16 and uint8 to float32. */
#include "ops/dequantize.h"

static inline float dequantize(const struct ztflm_dequantize_params *p, int32_t q)
{
	const int32_t centered = (int32_t)((uint32_t)q - (uint32_t)p->zero_point);

	/* TFLM keeps the scale as a double and rounds the product once, to float. */
	return (float)((double)p->scale * (double)centered);
}

#define P struct ztflm_dequantize_params
ZTFLM_UNARY_VARIANT(dequantize_s8_f32_ref, P, ZTFLM_INT8, int8_t, ZTFLM_FLOAT32, float,
		    dequantize);
ZTFLM_UNARY_VARIANT(dequantize_s16_f32_ref, P, ZTFLM_INT16, int16_t, ZTFLM_FLOAT32, float,
		    dequantize);
ZTFLM_UNARY_VARIANT(dequantize_u8_f32_ref, P, ZTFLM_UINT8, uint8_t, ZTFLM_FLOAT32, float,
		    dequantize);
