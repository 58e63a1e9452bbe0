/* ZEROS_LIKE, reference variants: 0 of each type (+0.0 for float32, as TFLM's cast of 0). */
#include "ops/zeros_like.h"

/* The input's value is never read; double holds every input type without a conversion trap. */
static inline int zero(const struct ztflm_unary *p, double x)
{
	(void)p;
	(void)x;
	return 0;
}

ZTFLM_UNARY_VARIANT(zeros_like_s8_ref, struct ztflm_unary, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t,
		    zero);
ZTFLM_UNARY_VARIANT(zeros_like_s32_ref, struct ztflm_unary, ZTFLM_INT32, int32_t, ZTFLM_INT32,
		    int32_t, zero);
ZTFLM_UNARY_VARIANT(zeros_like_s64_ref, struct ztflm_unary, ZTFLM_INT64, int64_t, ZTFLM_INT64,
		    int64_t, zero);
ZTFLM_UNARY_VARIANT(zeros_like_f32_ref, struct ztflm_unary, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32,
		    float, zero);
