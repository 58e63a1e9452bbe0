/* ELU, reference variants: int8 from the table parse filled, float32 with glibc's expm1f. */
#include "common/expm1f.h"
#include "ops/elu.h"

static inline int32_t elu_s8(const struct ztflm_elu_params *p, int8_t x)
{
	return p->table[(uint8_t)x];
}

static inline float elu_f32(const struct ztflm_elu_params *p, float x)
{
	(void)p;
	return x < 0.0f ? ztflm_expm1f(x) : x;
}

#define P struct ztflm_elu_params
ZTFLM_UNARY_VARIANT(elu_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, elu_s8);
ZTFLM_UNARY_VARIANT(elu_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, elu_f32);
