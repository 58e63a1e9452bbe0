/* MAXIMUM and MINIMUM, reference variants: one comparison each, instantiated per type. */
#include "ops/maximum_minimum.h"

/* TFLM's expressions, so NaN and -0.0 against 0.0 come out as its do. */
#define MAX_OF(p, x, y) ((void)(p), (x) > (y) ? (x) : (y))
#define MIN_OF(p, x, y) ((void)(p), (x) < (y) ? (x) : (y))

ZTFLM_BINARY_PLAIN_VARIANT(maximum_s8_ref, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, MAX_OF);
ZTFLM_BINARY_PLAIN_VARIANT(maximum_s16_ref, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, MAX_OF);
ZTFLM_BINARY_PLAIN_VARIANT(maximum_s32_ref, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t, MAX_OF);
ZTFLM_BINARY_PLAIN_VARIANT(maximum_s64_ref, ZTFLM_INT64, int64_t, ZTFLM_INT64, int64_t, MAX_OF);
ZTFLM_BINARY_PLAIN_VARIANT(maximum_f32_ref, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, MAX_OF);
ZTFLM_BINARY_PLAIN_VARIANT(minimum_s8_ref, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, MIN_OF);
ZTFLM_BINARY_PLAIN_VARIANT(minimum_s16_ref, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, MIN_OF);
ZTFLM_BINARY_PLAIN_VARIANT(minimum_s32_ref, ZTFLM_INT32, int32_t, ZTFLM_INT32, int32_t, MIN_OF);
ZTFLM_BINARY_PLAIN_VARIANT(minimum_s64_ref, ZTFLM_INT64, int64_t, ZTFLM_INT64, int64_t, MIN_OF);
ZTFLM_BINARY_PLAIN_VARIANT(minimum_f32_ref, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, MIN_OF);
