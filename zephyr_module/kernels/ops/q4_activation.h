/* LOGISTIC and TANH: int8 inputs rescaled to Q4.27 fixed point, float32 through libm. */
#ifndef ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_
#define ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_

#include <stdint.h>

#include <ztflm/kernel.h>

struct ztflm_q4_params {
	int32_t type;
	uint32_t count;             /**< elements */
	int32_t input_zero_point;
	int32_t input_range_radius; /**< |input - zero point| at or past this saturates */
	int32_t input_multiplier;
	int32_t input_left_shift;
};

/** Checks a one-in, one-out elementwise node and fills the params (TFLM's prepare math). */
int ztflm_q4_prepare(struct ztflm_context *ctx, int32_t int8_output_zero_point);

void ztflm_logistic_s8(const struct ztflm_q4_params *p, const int8_t *in, int8_t *out);
void ztflm_logistic_f32(const struct ztflm_q4_params *p, const float *in, float *out);
void ztflm_tanh_s8(const struct ztflm_q4_params *p, const int8_t *in, int8_t *out);
void ztflm_tanh_f32(const struct ztflm_q4_params *p, const float *in, float *out);

#endif /* ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_ */
