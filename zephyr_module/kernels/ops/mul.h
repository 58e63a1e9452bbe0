/* MUL: parameters and compute functions (element-wise with broadcasting). */
#ifndef ZTFLM_KERNELS_OPS_MUL_H_
#define ZTFLM_KERNELS_OPS_MUL_H_

#include <stdint.h>

#include "common/broadcast.h"

/* Quantized: (x1 - zp1) * (x2 - zp2) rescaled by s1 * s2 / s_out, plus zp_out. */
struct ztflm_mul_params {
	int32_t input1_offset; /**< minus the zero point */
	int32_t input2_offset;
	int32_t output_offset; /**< the output zero point */
	int32_t output_multiplier;
	int32_t output_shift; /**< left if > 0 */
	union {
		struct {
			int32_t min;
			int32_t max;
		} q; /**< int8, int16 and int32 */
		struct {
			float min;
			float max;
		} f;
	} act;
};

void ztflm_mul_s8(const struct ztflm_mul_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out);
void ztflm_mul_s16(const struct ztflm_mul_params *p, const struct ztflm_bcast *b,
		   const int16_t *in1, const int16_t *in2, int16_t *out);
void ztflm_mul_s32(const struct ztflm_mul_params *p, const struct ztflm_bcast *b,
		   const int32_t *in1, const int32_t *in2, int32_t *out);
void ztflm_mul_f32(const struct ztflm_mul_params *p, const struct ztflm_bcast *b,
		   const float *in1, const float *in2, float *out);

#endif /* ZTFLM_KERNELS_OPS_MUL_H_ */
