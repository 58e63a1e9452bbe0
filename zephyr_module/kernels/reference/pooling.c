/* AVERAGE_POOL_2D, MAX_POOL_2D and L2_POOL_2D, reference variants: one window walk, a fold per arithmetic. */
#include <float.h>
#include <math.h>

#include "ops/pooling.h"


/* std::max(acc, v) takes v only when acc < v: NaNs never win. */
static inline float max_f32(float acc, float v)
{
	return acc < v ? v : acc;
}

/* TFLM's sum_squares += val * val. */
static inline float add_square_f32(float acc, float v)
{
	return ztflm_add_f32(acc, v * v);
}

ZTFLM_POOL_FOLD(sum_f32, float, float, ztflm_add_f32)
ZTFLM_POOL_FOLD(sum_squares_f32, float, float, add_square_f32)
ZTFLM_POOL_FOLD(window_max_f32, float, float, max_f32)

ZTFLM_POOL_FOLD(sum_s16, int16_t, int32_t, ztflm_pool_add_i32)
ZTFLM_POOL_FOLD(window_max_s16, int16_t, int32_t, ztflm_pool_max_i32)

/*
 * The rounded mean of an integer window in T, from its int32 sum (parse bounds an int16
 * window so that the sum cannot overflow).
 */
#define AVERAGE_Q(name, T, sum)                                                                    \
	static inline T name(const struct ztflm_pool_params *p, const T *x,                        \
			     const struct ztflm_pool_span *s)                                      \
	{                                                                                          \
		const int32_t mean = ztflm_pool_mean(sum(p, x, s, 0), s->rows * s->cols);          \
                                                                                                   \
		return (T)ztflm_pool_act(mean, p->act.q.min, p->act.q.max);                        \
	}

AVERAGE_Q(average_s8, int8_t, ztflm_pool_sum_s8)
AVERAGE_Q(average_s16, int16_t, sum_s16)

/* The window sum in TFLM's order, divided by the count. */
static inline float average_f32(const struct ztflm_pool_params *p, const float *x,
				const struct ztflm_pool_span *s)
{
	const float mean = sum_f32(p, x, s, 0.0f) / (float)(s->rows * s->cols);

	return ztflm_clamp_f32(mean, p->act.f.min, p->act.f.max);
}

/* The root of the window's mean square (TFLM has no quantized L2 pooling). */
static inline float l2_f32(const struct ztflm_pool_params *p, const float *x,
			   const struct ztflm_pool_span *s)
{
	const float mean = sum_squares_f32(p, x, s, 0.0f) / (float)(s->rows * s->cols);

	return ztflm_clamp_f32(sqrtf(mean), p->act.f.min, p->act.f.max);
}

/*
 * The maximum of an integer window in T, from T's lowest value. TFLM takes the activation
 * bounds as T here (std::max<int8_t>, std::max<int16_t>), unlike the average's.
 */
#define MAXIMUM_Q(name, T, lowest, fold)                                                           \
	static inline T name(const struct ztflm_pool_params *p, const T *x,                        \
			     const struct ztflm_pool_span *s)                                      \
	{                                                                                          \
		return (T)ztflm_pool_act(fold(p, x, s, lowest), (T)p->act.q.min,                   \
					 (T)p->act.q.max);                                         \
	}

MAXIMUM_Q(maximum_s8, int8_t, INT8_MIN, ztflm_pool_max_s8)
MAXIMUM_Q(maximum_s16, int16_t, INT16_MIN, window_max_s16)

/* From the lowest float, as TFLM. */
static inline float maximum_f32(const struct ztflm_pool_params *p, const float *x,
				const struct ztflm_pool_span *s)
{
	return ztflm_clamp_f32(window_max_f32(p, x, s, -FLT_MAX), p->act.f.min, p->act.f.max);
}

/* The variant ztflm_<id>: each output is value(p, x, span), x its channel's top-left input. */
#define POOL_VARIANT(id, type, T, value)                                                           \
	static inline void id##_position(const struct ztflm_pool_params *p, const T *x,            \
					 const struct ztflm_pool_span *s, T *out)                  \
	{                                                                                          \
		for (int32_t c = 0; c < p->depth; c++) {                                           \
			out[c] = value(p, x, s);                                                   \
			x++;                                                                       \
		}                                                                                  \
	}                                                                                          \
	ZTFLM_POOL_EVAL(id##_eval, T, id##_position)                                               \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

POOL_VARIANT(average_pool_2d_s8_ref, ZTFLM_INT8, int8_t, average_s8);
POOL_VARIANT(average_pool_2d_s16_ref, ZTFLM_INT16, int16_t, average_s16);
POOL_VARIANT(average_pool_2d_f32_ref, ZTFLM_FLOAT32, float, average_f32);
POOL_VARIANT(l2_pool_2d_f32_ref, ZTFLM_FLOAT32, float, l2_f32);
POOL_VARIANT(max_pool_2d_s8_ref, ZTFLM_INT8, int8_t, maximum_s8);
POOL_VARIANT(max_pool_2d_s16_ref, ZTFLM_INT16, int16_t, maximum_s16);
POOL_VARIANT(max_pool_2d_f32_ref, ZTFLM_FLOAT32, float, maximum_f32);
