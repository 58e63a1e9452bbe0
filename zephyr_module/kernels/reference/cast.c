/*
 * CAST, reference variants. TFLM's conversions, written without undefined behaviour so every
 * core gives its x86 results: float to an integer truncates towards zero and saturates (NaN
 * is 0); integers wrap to a narrower integer; anything to bool is (x != 0); a bool input is
 * its stored byte (TFLM reads it as the compiler loads a bool: 2 stays 2).
 */
#include "ops/cast.h"

/* float to an integer of range [lo, hi], hi + 1 a power of two (exact in float). */
static inline int64_t saturate(float x, float lo, float hi_plus_1, int64_t lo_i, int64_t hi_i)
{
	if (x != x) {
		return 0;
	}
	if (x >= hi_plus_1) {
		return hi_i;
	}
	if (x <= lo) {
		return lo_i;
	}
	return (int64_t)x;
}

static inline int8_t f32_to_s8(float x)
{
	return (int8_t)saturate(x, -128.0f, 128.0f, INT8_MIN, INT8_MAX);
}

static inline int16_t f32_to_s16(float x)
{
	return (int16_t)saturate(x, -32768.0f, 32768.0f, INT16_MIN, INT16_MAX);
}

static inline int32_t f32_to_s32(float x)
{
	return (int32_t)saturate(x, -2147483648.0f, 2147483648.0f, INT32_MIN, INT32_MAX);
}

static inline uint32_t f32_to_u32(float x)
{
	return (uint32_t)saturate(x, 0.0f, 4294967296.0f, 0, UINT32_MAX);
}

/* Integer to integer: through int64, then the target's low bits (two's complement). */
#define WRAP(T, x) ((T)(uint64_t)(int64_t)(x))

/* The loop of one (input, output) pair. */
#define CAST_LOOP(T_IN, T_OUT, expr)                                                               \
	do {                                                                                       \
		const T_IN *src = in;                                                              \
		T_OUT *dst = out;                                                                  \
                                                                                                   \
		for (uint32_t i = 0; i < n; i++) {                                                 \
			const T_IN x = src[i];                                                     \
                                                                                                   \
			dst[i] = (expr);                                                           \
		}                                                                                  \
	} while (0)

/* Every output type from one integer input type (the bool input is read as uint8_t). */
#define INT_ROW(name, T_IN)                                                                        \
	static void name(const void *params, const void *in, void *out, uint32_t n)                \
	{                                                                                          \
		switch (((const struct ztflm_cast_params *)params)->out_type) {                    \
		case ZTFLM_INT8:                                                                   \
			CAST_LOOP(T_IN, int8_t, WRAP(int8_t, x));                                  \
			break;                                                                     \
		case ZTFLM_INT16:                                                                  \
			CAST_LOOP(T_IN, int16_t, WRAP(int16_t, x));                                \
			break;                                                                     \
		case ZTFLM_INT32:                                                                  \
			CAST_LOOP(T_IN, int32_t, WRAP(int32_t, x));                                \
			break;                                                                     \
		case ZTFLM_UINT32:                                                                 \
			CAST_LOOP(T_IN, uint32_t, WRAP(uint32_t, x));                              \
			break;                                                                     \
		case ZTFLM_BOOL:                                                                   \
			CAST_LOOP(T_IN, uint8_t, (uint8_t)(x != 0));                               \
			break;                                                                     \
		default:                                                                           \
			CAST_LOOP(T_IN, float, (float)x);                                          \
			break;                                                                     \
		}                                                                                  \
	}

INT_ROW(from_s8, int8_t)
INT_ROW(from_s16, int16_t)
INT_ROW(from_s32, int32_t)
INT_ROW(from_u32, uint32_t)
INT_ROW(from_bool, uint8_t)

static void from_f32(const void *params, const void *in, void *out, uint32_t n)
{
	switch (((const struct ztflm_cast_params *)params)->out_type) {
	case ZTFLM_INT8:
		CAST_LOOP(float, int8_t, f32_to_s8(x));
		break;
	case ZTFLM_INT16:
		CAST_LOOP(float, int16_t, f32_to_s16(x));
		break;
	case ZTFLM_INT32:
		CAST_LOOP(float, int32_t, f32_to_s32(x));
		break;
	case ZTFLM_UINT32:
		CAST_LOOP(float, uint32_t, f32_to_u32(x));
		break;
	case ZTFLM_BOOL:
		CAST_LOOP(float, uint8_t, (uint8_t)(x != 0.0f));
		break;
	default:
		CAST_LOOP(float, float, x);
		break;
	}
}

/* A bool output byte copies a bool input byte as it is: TFLM's cast of bool to bool. */
static void from_bool_raw(const void *params, const void *in, void *out, uint32_t n)
{
	if (((const struct ztflm_cast_params *)params)->out_type == ZTFLM_BOOL) {
		CAST_LOOP(uint8_t, uint8_t, x);
		return;
	}
	from_bool(params, in, out, n);
}

#define CAST_VARIANT(id, type, row)                                                                \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		return ztflm_unary_eval(ctx, params, row);                                         \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, ZTFLM_TYPE_ANY, id##_eval, NULL, NULL)

CAST_VARIANT(cast_s8_ref, ZTFLM_INT8, from_s8);
CAST_VARIANT(cast_s16_ref, ZTFLM_INT16, from_s16);
CAST_VARIANT(cast_s32_ref, ZTFLM_INT32, from_s32);
CAST_VARIANT(cast_u32_ref, ZTFLM_UINT32, from_u32);
CAST_VARIANT(cast_bool_ref, ZTFLM_BOOL, from_bool_raw);
CAST_VARIANT(cast_f32_ref, ZTFLM_FLOAT32, from_f32);
