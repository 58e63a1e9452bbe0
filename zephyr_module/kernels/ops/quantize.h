/* QUANTIZE: parameters and compute functions (float to integer, and requantization). */
#ifndef ZTFLM_KERNELS_OPS_QUANTIZE_H_
#define ZTFLM_KERNELS_OPS_QUANTIZE_H_

#include <stdint.h>

struct ztflm_quantize_params {
	float output_scale;        /**< float inputs: q = round(x / scale) + zp */
	int32_t input_zero_point;  /**< integer inputs: rescaled (x - zp_in) + zp_out */
	int32_t output_zero_point;
	int32_t multiplier;        /**< s_in / s_out as a Q31 multiplier */
	int32_t shift;             /**< and a shift, left if > 0 (at most 31) */
};

/* Float to integer (TFLM AffineQuantize). */
void ztflm_quantize_f32_s8(const struct ztflm_quantize_params *p, const float *in, int8_t *out,
			   uint32_t count);
void ztflm_quantize_f32_s16(const struct ztflm_quantize_params *p, const float *in,
			    int16_t *out, uint32_t count);

/* Integer to integer (TFLM Requantize), input type first. */
void ztflm_requantize_s8_s8(const struct ztflm_quantize_params *p, const int8_t *in,
			    int8_t *out, uint32_t count);
void ztflm_requantize_s8_u8(const struct ztflm_quantize_params *p, const int8_t *in,
			    uint8_t *out, uint32_t count);
void ztflm_requantize_s8_s16(const struct ztflm_quantize_params *p, const int8_t *in,
			     int16_t *out, uint32_t count);
void ztflm_requantize_s8_s32(const struct ztflm_quantize_params *p, const int8_t *in,
			     int32_t *out, uint32_t count);
void ztflm_requantize_u8_s8(const struct ztflm_quantize_params *p, const uint8_t *in,
			    int8_t *out, uint32_t count);
void ztflm_requantize_s16_s8(const struct ztflm_quantize_params *p, const int16_t *in,
			     int8_t *out, uint32_t count);
void ztflm_requantize_s16_s16(const struct ztflm_quantize_params *p, const int16_t *in,
			      int16_t *out, uint32_t count);
void ztflm_requantize_s16_s32(const struct ztflm_quantize_params *p, const int16_t *in,
			      int32_t *out, uint32_t count);
void ztflm_requantize_s32_s8(const struct ztflm_quantize_params *p, const int32_t *in,
			     int8_t *out, uint32_t count);
void ztflm_requantize_s32_s16(const struct ztflm_quantize_params *p, const int32_t *in,
			      int16_t *out, uint32_t count);

#endif /* ZTFLM_KERNELS_OPS_QUANTIZE_H_ */
