/*
 * MEAN, SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_ALL, reference variants: TFLM's ReduceGeneric
 * and QuantizedMeanOrSum folds, each written once and instantiated per type.
 */
#include <float.h>

#include "common/quant.h"
#include "ops/reduce.h"

#define P struct ztflm_reducer_params

/* Sums: TFLM adds each input to the running value as `in + current`, from zero. */
static inline float sum_init_f32(const P *p)
{
	(void)p;
	return 0.0f;
}

static inline float sum_step_f32(const P *p, float acc, float x)
{
	(void)p;
	return ztflm_add_f32(acc, x);
}

static inline int32_t zero_i32(const P *p)
{
	(void)p;
	return 0;
}

/* The int32 sum wraps, as TFLM's AddTensorValuesWithExpectedOverflow. */
static inline int32_t sum_step_q(const P *p, int32_t acc, int32_t x)
{
	(void)p;
	return (int32_t)((uint32_t)acc + (uint32_t)x);
}

/* TFLM subtracts the zero point once per sum, from the wrapped int32 sum. */
static inline int32_t sum_rescale(const P *p, int32_t acc)
{
	const uint32_t zp_total = (uint32_t)p->input_zero_point * p->reduce.reduced_count;
	const int32_t scaled = ztflm_mbqm((int32_t)((uint32_t)acc - zp_total), p->multiplier,
					  p->shift);

	return (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);
}

static inline int32_t sum_finish_s8(const P *p, int32_t acc)
{
	return ztflm_clamp_i32(sum_rescale(p, acc), INT8_MIN, INT8_MAX);
}

static inline int32_t sum_finish_s16(const P *p, int32_t acc)
{
	return ztflm_clamp_i32(sum_rescale(p, acc), INT16_MIN, INT16_MAX);
}

/* The float mean: the sum in memory order, then one division (TFLM's rounding). */
static inline float mean_finish_f32(const P *p, float acc)
{
	return acc / (float)p->reduce.reduced_count;
}

/* Maxima and minima: the running value is replaced only by a strictly larger (smaller) input,
 * so NaN inputs never win, and the type's extreme is the start and the empty result. */
#define EXTREME_FNS(T, kind, cmp, start)                                                           \
	static inline T kind##_init_##T(const P *p)                                                \
	{                                                                                          \
		(void)p;                                                                           \
		return (start);                                                                    \
	}                                                                                          \
	static inline T kind##_step_##T(const P *p, T acc, T x)                                    \
	{                                                                                          \
		(void)p;                                                                           \
		return x cmp acc ? x : acc;                                                        \
	}

EXTREME_FNS(float, max, >, -FLT_MAX)
EXTREME_FNS(float, min, <, FLT_MAX)
EXTREME_FNS(int32_t, max, >, INT8_MIN)
EXTREME_FNS(int32_t, min, <, INT8_MAX)

/* Logical and over bytes: any non-zero byte is true, the result is 0 or 1. */
static inline uint32_t all_init(const P *p)
{
	(void)p;
	return 1u;
}

static inline uint32_t all_step(const P *p, uint32_t acc, uint8_t x)
{
	(void)p;
	return acc & (x != 0u);
}

/* The accumulator as the result. */
#define SAME_FN(T)                                                                                 \
	static inline T same_##T(const P *p, T acc)                                                \
	{                                                                                          \
		(void)p;                                                                           \
		return acc;                                                                        \
	}

SAME_FN(float)
SAME_FN(int32_t)
SAME_FN(uint32_t)

/* The quantized mean is the sum with 1/count folded into its multiplier (ops/reduce.c). */
ZTFLM_REDUCE_VARIANT(mean_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, int32_t, zero_i32,
		     sum_step_q, sum_finish_s8, zero_i32);
ZTFLM_REDUCE_VARIANT(mean_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, int32_t,
		     zero_i32, sum_step_q, sum_finish_s16, zero_i32);
ZTFLM_REDUCE_VARIANT(mean_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, float,
		     sum_init_f32, sum_step_f32, mean_finish_f32, sum_init_f32);
ZTFLM_REDUCE_VARIANT(sum_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, int32_t, zero_i32,
		     sum_step_q, sum_finish_s8, zero_i32);
ZTFLM_REDUCE_VARIANT(sum_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, int32_t, zero_i32,
		     sum_step_q, sum_finish_s16, zero_i32);
ZTFLM_REDUCE_VARIANT(sum_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, float,
		     sum_init_f32, sum_step_f32, same_float, sum_init_f32);
ZTFLM_REDUCE_VARIANT(reduce_max_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, int32_t,
		     max_init_int32_t, max_step_int32_t, same_int32_t, max_init_int32_t);
ZTFLM_REDUCE_VARIANT(reduce_max_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, float,
		     max_init_float, max_step_float, same_float, max_init_float);
ZTFLM_REDUCE_VARIANT(reduce_min_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, int32_t,
		     min_init_int32_t, min_step_int32_t, same_int32_t, min_init_int32_t);
ZTFLM_REDUCE_VARIANT(reduce_min_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, float,
		     min_init_float, min_step_float, same_float, min_init_float);
ZTFLM_REDUCE_VARIANT(reduce_all_bool_ref, P, ZTFLM_BOOL, uint8_t, ZTFLM_BOOL, uint8_t, uint32_t,
		     all_init, all_step, same_uint32_t, all_init);
