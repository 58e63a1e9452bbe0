/* DEQUANTIZE from uint8 to float32 (reference). */
#include "ops/dequantize.h"

void ztflm_dequantize_u8_f32(const struct ztflm_dequantize_params *p, const uint8_t *in,
			     float *out, uint32_t count)
{
	/* TFLM keeps the scale as a double and rounds the product once, to float. */
	const double scale = (double)p->scale;

	for (uint32_t i = 0; i < count; i++) {
		const int32_t centered = (int32_t)((uint32_t)in[i] - (uint32_t)p->zero_point);

		out[i] = (float)(scale * (double)centered);
	}
}
