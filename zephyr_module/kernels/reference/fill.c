/* FILL, reference variants: the value copied to every element, per element size. */
#include <string.h>

#include "ops/fill.h"

#define FILL_VARIANT(id, type, T)                                                                  \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_fill_params *p = params;                                        \
		T *out = ztflm_output_data(ctx, 0);                                                \
		T value;                                                                           \
                                                                                                   \
		memcpy(&value, ztflm_input_data(ctx, 1), sizeof(value));                           \
		for (uint32_t i = 0; i < p->count; i++) {                                          \
			out[i] = value;                                                            \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

FILL_VARIANT(fill_s8_ref, ZTFLM_INT8, int8_t);
FILL_VARIANT(fill_s32_ref, ZTFLM_INT32, int32_t);
FILL_VARIANT(fill_f32_ref, ZTFLM_FLOAT32, float);
