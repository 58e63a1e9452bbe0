/* DEQUANTIZE: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_DEQUANTIZE_H_
#define ZTFLM_KERNELS_OPS_DEQUANTIZE_H_

#include <stdint.h>

#include "ops/unary.h"

/* x = (float)((double)scale * (q - zero_point)), as TFLM computes it. */
struct ztflm_dequantize_params {
	struct ztflm_unary unary;
	float scale;
	int32_t zero_point;
};

extern const struct ztflm_variant ztflm_dequantize_s8_f32_ref;
extern const struct ztflm_variant ztflm_dequantize_s16_f32_ref;
extern const struct ztflm_variant ztflm_dequantize_u8_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_DEQUANTIZE_H_ */
