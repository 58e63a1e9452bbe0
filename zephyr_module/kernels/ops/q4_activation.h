/*
 * LOGISTIC and TANH: parameters, the int8 input arithmetic both share (rescaled to Q4.27,
 * saturated outside the input range radius), and their compute variants. int16 rescales
 * the input for the interpolated sigmoid table instead (common/sigmoid16.h).
 */
#ifndef ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_
#define ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_

#include <stdint.h>

#include "common/quant.h"
#include "ops/unary.h"

struct ztflm_q4_params {
	struct ztflm_unary unary;
	int32_t input_zero_point;
	union {
		int32_t input_range_radius; /**< int8: |input - zero point| at or past this saturates */
		int32_t input_round;        /**< int16: the rounding term of the input right shift */
	};
	int32_t input_multiplier;
	int32_t input_left_shift; /**< int16: a right shift */
};

/**
 * The parse of both operators (TFLM's CalculateArithmeticOpData): the element count; for
 * int8 the output zero point it needs (INT32_MIN: any) and the Q4.27 rescaling; for int16
 * zero points 0, the output scale 2^-15 and the input rescaling to the sigmoid table's
 * steps, where int16_pot_shifts shifts (1 for LOGISTIC, 2 for TANH) take a power-of-two
 * input scale directly.
 */
int ztflm_q4_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		   struct ztflm_q4_params *p, int32_t int8_output_zero_point,
		   int32_t int16_pot_shifts);

/**
 * An int8 activation: the input saturates to INT8_MIN or INT8_MAX at the range radius, else
 * f maps it in Q4.27 to the int8 result, which is then saturated.
 */
static inline int32_t ztflm_q4_s8(const struct ztflm_q4_params *p, int32_t x,
				  int32_t (*f)(int32_t q4))
{
	const int32_t centered = x - p->input_zero_point;

	if (centered <= -p->input_range_radius) {
		return INT8_MIN;
	}
	if (centered >= p->input_range_radius) {
		return INT8_MAX;
	}
	const int32_t q4 = ztflm_mbqm(centered, p->input_multiplier, p->input_left_shift);

	return ztflm_clamp_i32(f(q4), INT8_MIN, INT8_MAX);
}

extern const struct ztflm_variant ztflm_logistic_s8_ref;
extern const struct ztflm_variant ztflm_logistic_s16_ref;
extern const struct ztflm_variant ztflm_logistic_f32_ref;
extern const struct ztflm_variant ztflm_tanh_s8_ref;
extern const struct ztflm_variant ztflm_tanh_s16_ref;
extern const struct ztflm_variant ztflm_tanh_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_Q4_ACTIVATION_H_ */
