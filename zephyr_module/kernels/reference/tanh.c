/*
 * TANH, reference variants. int8: Q4.27 input, gemmlowp tanh, output in 1/128 steps. int16:
 * TFLM's interpolated sigmoid table (common/sigmoid16.h).
 * float32: TFLM's std::tanh on float, glibc's bits on every target (ztflm_tanhf).
 */
#include "common/fixedpoint.h"
#include "common/mathf.h"
#include "common/sigmoid16.h"
#include "ops/q4_activation.h"

static inline int32_t tanh_q4(int32_t q4)
{
	return ztflm_rdbpot(ztflm_fp_tanh(q4, 4), 31 - 7);
}

static inline int32_t tanh_s8(const struct ztflm_q4_params *p, int32_t x)
{
	return ztflm_q4_s8(p, x, tanh_q4);
}

static inline int32_t tanh_s16(const struct ztflm_q4_params *p, int32_t x)
{
	return ztflm_tanh16(ztflm_sigmoid16_input(x, p->input_multiplier, p->input_left_shift,
					      p->input_round));
}

static inline float tanh_f32(const struct ztflm_q4_params *p, float x)
{
	(void)p;
	return ztflm_tanhf(x);
}

#define P struct ztflm_q4_params
ZTFLM_UNARY_VARIANT(tanh_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, tanh_s8);
ZTFLM_UNARY_VARIANT(tanh_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, tanh_s16);
ZTFLM_UNARY_VARIANT(tanh_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, tanh_f32);
