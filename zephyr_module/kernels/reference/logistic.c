/*
 * LOGISTIC, reference variants. int8: Q4.27 input, gemmlowp logistic, output in 1/256 steps.
 * int16: TFLM's interpolated sigmoid table (common/sigmoid16.h).
 * float32: TFLM's cut-offs, then 1 / (1 + expf(-x)), with expf giving the oracle's (glibc's)
 * bits on every target.
 */
#include "common/expf.h"
#include "common/fixedpoint.h"
#include "common/sigmoid16.h"
#include "ops/q4_activation.h"

static inline int32_t logistic_q4(int32_t q4)
{
	return ztflm_rdbpot(ztflm_fp_logistic(q4, 4), 31 - 8) - 128;
}

static inline int32_t logistic_s8(const struct ztflm_q4_params *p, int32_t x)
{
	return ztflm_q4_s8(p, x, logistic_q4);
}

static inline int32_t logistic_s16(const struct ztflm_q4_params *p, int32_t x)
{
	return ztflm_logistic16(ztflm_sigmoid16_input(x, p->input_multiplier, p->input_left_shift,
					      p->input_round));
}

static inline float logistic_f32(const struct ztflm_q4_params *p, float x)
{
	(void)p;
	return ztflm_logistic_f32(x);
}

#define P struct ztflm_q4_params
ZTFLM_UNARY_VARIANT(logistic_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, logistic_s8);
ZTFLM_UNARY_VARIANT(logistic_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, logistic_s16);
ZTFLM_UNARY_VARIANT(logistic_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
		    logistic_f32);
