/* SOFTMAX over the last dimension: parameters and compute functions. */
#ifndef ZTFLM_KERNELS_OPS_SOFTMAX_H_
#define ZTFLM_KERNELS_OPS_SOFTMAX_H_

#include <stdint.h>

struct ztflm_softmax_params {
	int32_t in_type;
	int32_t out_type;
	int32_t outer;            /**< rows */
	int32_t depth;            /**< last dimension */
	int32_t input_multiplier; /**< beta times input scale, Q5.26 (quantized) */
	int32_t input_left_shift;
	int32_t diff_min;         /**< differences below this give exp() = 0 */
	float beta;               /**< float */
};

void ztflm_softmax_s8(const struct ztflm_softmax_params *p, const int8_t *in, int8_t *out);
void ztflm_softmax_s8_s16(const struct ztflm_softmax_params *p, const int8_t *in, int16_t *out);
void ztflm_softmax_f32(const struct ztflm_softmax_params *p, const float *in, float *out);

#endif /* ZTFLM_KERNELS_OPS_SOFTMAX_H_ */
