/* LOG_SOFTMAX: parameters and compute variants (last-axis family, ops/last_axis.h). */
#ifndef ZTFLM_KERNELS_OPS_LOG_SOFTMAX_H_
#define ZTFLM_KERNELS_OPS_LOG_SOFTMAX_H_

#include "ops/last_axis.h"

/*
 * x - max - log(sum of e^(x - max)) per row. int8 follows TFLM: differences from the row's
 * maximum rescaled to Q5.26, their exps summed in Q12.19, the log of the sum in Q5.26, the
 * output in steps of 1/16 from 127 (the output scale and zero point TFLM requires).
 */
struct ztflm_log_softmax_params {
	struct ztflm_last_axis rows;
	int32_t input_multiplier;  /**< input scale in Q5.26, a left shift from Q31 */
	int32_t input_left_shift;
	int32_t reverse_multiplier; /**< the inverse rescale, to bound the differences */
	int32_t reverse_shift;      /**< <= 0 */
	int32_t diff_min;           /**< differences below it add nothing to the sum */
};

extern const struct ztflm_variant ztflm_log_softmax_s8_ref;
extern const struct ztflm_variant ztflm_log_softmax_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_LOG_SOFTMAX_H_ */
