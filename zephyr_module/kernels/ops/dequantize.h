/* DEQUANTIZE: parameters and compute functions (integer to float32). */
#ifndef ZTFLM_KERNELS_OPS_DEQUANTIZE_H_
#define ZTFLM_KERNELS_OPS_DEQUANTIZE_H_

#include <stdint.h>

/* x = (float)((double)scale * (q - zero_point)), as TFLM computes it. */
struct ztflm_dequantize_params {
	float scale;
	int32_t zero_point;
};

void ztflm_dequantize_s8_f32(const struct ztflm_dequantize_params *p, const int8_t *in,
			     float *out, uint32_t count);
void ztflm_dequantize_s16_f32(const struct ztflm_dequantize_params *p, const int16_t *in,
			      float *out, uint32_t count);
void ztflm_dequantize_u8_f32(const struct ztflm_dequantize_params *p, const uint8_t *in,
			     float *out, uint32_t count);

#endif /* ZTFLM_KERNELS_OPS_DEQUANTIZE_H_ */
