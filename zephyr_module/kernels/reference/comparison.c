/* The comparisons' reference variants: one raw and one int8 rescaled test per comparison. */
#include "common/quant.h"
#include "ops/comparison.h"

#define P struct ztflm_comparison_params

/* TFLM's int8 rescale: (x + offset) << 8, times the multiplier below one. */
static inline int32_t rescale1(const P *p, int32_t x)
{
	return ztflm_mbqm_smaller_than_one((x + p->input1_offset) * 256, p->input1_multiplier,
					   p->input1_shift);
}

static inline int32_t rescale2(const P *p, int32_t y)
{
	return ztflm_mbqm_smaller_than_one((y + p->input2_offset) * 256, p->input2_multiplier,
					   p->input2_shift);
}

/* The raw comparison name_sfx of two T values by C's op (float32 NaN and signed zeros as
 * TFLM's C++ operators decide them), and its variant. */
#define RAW(name, op, sfx, type, T)                                                                \
	static inline uint8_t name##_##sfx(const P *p, T x, T y)                                   \
	{                                                                                          \
		(void)p;                                                                           \
		return (uint8_t)(x op y);                                                          \
	}                                                                                          \
	ZTFLM_BINARY_VARIANT(name##_##sfx##_ref, P, type, T, ZTFLM_BOOL, uint8_t, name##_##sfx)

/* One comparison: the int8 one on the rescaled values, the raw ones on the others. */
#define COMPARISON(name, op)                                                                       \
	static inline uint8_t name##_q(const P *p, int32_t x, int32_t y)                           \
	{                                                                                          \
		return (uint8_t)(rescale1(p, x) op rescale2(p, y));                                \
	}                                                                                          \
	ZTFLM_BINARY_VARIANT(name##_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_BOOL, uint8_t, name##_q); \
	RAW(name, op, s32, ZTFLM_INT32, int32_t);                                                  \
	RAW(name, op, s64, ZTFLM_INT64, int64_t);                                                  \
	RAW(name, op, f32, ZTFLM_FLOAT32, float)

COMPARISON(equal, ==);
COMPARISON(not_equal, !=);
COMPARISON(greater, >);
COMPARISON(greater_equal, >=);
COMPARISON(less, <);
COMPARISON(less_equal, <=);
/* Bool bytes compared as bytes, as TFLM's bool operators compare them. */
RAW(equal, ==, bool, ZTFLM_BOOL, uint8_t);
RAW(not_equal, !=, bool, ZTFLM_BOOL, uint8_t);
