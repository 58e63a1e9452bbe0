/* Parameters and prepare shared by LOGISTIC and TANH: int8 inputs rescaled to Q4.27. */
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

#endif /* ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_ */
