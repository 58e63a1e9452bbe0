/* ADD_N: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_ADD_N_H_
#define ZTFLM_KERNELS_OPS_ADD_N_H_

#include <stdint.h>

#include <ztflm/op.h>

/*
 * The element-wise sum of two or more inputs of one shape. int8 (one scale and zero point for
 * every input): each value rescaled to twice the input scale with 20 bits of headroom, summed
 * after TFLM's first term, the rescaled -zero point, then rescaled to the output. float32:
 * 0 + x0 + x1 + ..., left to right.
 */
struct ztflm_add_n_params {
	uint32_t count;  /**< elements of each input and of the output */
	int32_t input_offset; /**< minus the inputs' zero point */
	int32_t output_offset;
	int32_t input_multiplier;
	int32_t input_shift; /**< <= 0 */
	int32_t output_multiplier;
	int32_t output_shift; /**< <= 0 */
};

extern const struct ztflm_variant ztflm_add_n_s8_ref;
extern const struct ztflm_variant ztflm_add_n_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_ADD_N_H_ */
