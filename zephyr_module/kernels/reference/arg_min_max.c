/*
 * ARG_MAX and ARG_MIN, reference variants: TFLM's ArgMinMax with its strict comparisons (the
 * first of equal values wins, a NaN never replaces and is never replaced by a later value),
 * one fold per comparison and input type, instantiated for both index types.
 */
#include "ops/arg_min_max.h"

#define P struct ztflm_arg_min_max_params

/* The best value so far, its position, and the position of the next value. */
struct best {
	float value;
	uint32_t index;
	uint32_t next;
};

static inline struct best start(const P *p)
{
	(void)p;
	return (struct best){0.0f, 0u, 0u};
}

/* The first value is taken as it is, as TFLM starts from it. */
#define BEST_STEP(name, T, cmp)                                                                    \
	static inline struct best name(const P *p, struct best b, T x)                             \
	{                                                                                          \
		(void)p;                                                                           \
		if (b.next == 0u || (float)x cmp b.value) {                                        \
			b.value = (float)x;                                                        \
			b.index = b.next;                                                          \
		}                                                                                  \
		b.next++;                                                                          \
		return b;                                                                          \
	}

BEST_STEP(max_f32, float, >)
BEST_STEP(min_f32, float, <)
BEST_STEP(max_s8, int8_t, >)
BEST_STEP(min_s8, int8_t, <)

static inline uint32_t index_of(const P *p, struct best b)
{
	(void)p;
	return b.index;
}

/* An empty axis: TFLM writes index 0 for every output. */
static inline uint32_t first(const P *p)
{
	(void)p;
	return 0u;
}

#define ARG_VARIANT(name, in_type, T, out_type, T_OUT, step)                                       \
	ZTFLM_REDUCE_VARIANT(name, P, in_type, T, out_type, T_OUT, struct best, start, step,       \
			     index_of, first)

ARG_VARIANT(arg_max_f32_s32_ref, ZTFLM_FLOAT32, float, ZTFLM_INT32, int32_t, max_f32);
ARG_VARIANT(arg_max_f32_s64_ref, ZTFLM_FLOAT32, float, ZTFLM_INT64, int64_t, max_f32);
ARG_VARIANT(arg_max_s8_s32_ref, ZTFLM_INT8, int8_t, ZTFLM_INT32, int32_t, max_s8);
ARG_VARIANT(arg_max_s8_s64_ref, ZTFLM_INT8, int8_t, ZTFLM_INT64, int64_t, max_s8);
ARG_VARIANT(arg_min_f32_s32_ref, ZTFLM_FLOAT32, float, ZTFLM_INT32, int32_t, min_f32);
ARG_VARIANT(arg_min_f32_s64_ref, ZTFLM_FLOAT32, float, ZTFLM_INT64, int64_t, min_f32);
ARG_VARIANT(arg_min_s8_s32_ref, ZTFLM_INT8, int8_t, ZTFLM_INT32, int32_t, min_s8);
ARG_VARIANT(arg_min_s8_s64_ref, ZTFLM_INT8, int8_t, ZTFLM_INT64, int64_t, min_s8);
