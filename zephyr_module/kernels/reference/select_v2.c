/* SELECT_V2, reference variants: one loop nest, a row function per element type. A condition
 * byte other than 0 selects x (TFLM reads the bool as it is stored). */
#include "ops/select_v2.h"

/* The next row of the nest: false after the last. */
static inline bool next(const struct ztflm_select_v2_params *p, uint32_t *idx, uint32_t *at)
{
	for (uint32_t k = 1; k < p->ndims; k++) {
		const struct ztflm_select_dim *d = &p->dims[k];

		for (int j = 0; j < 3; j++) {
			at[j] += d->stride[j];
		}
		if (++idx[k] < d->count) {
			return true;
		}
		for (int j = 0; j < 3; j++) {
			at[j] -= d->stride[j] * d->count;
		}
		idx[k] = 0;
	}
	return false;
}

#define SELECT_VARIANT(id, type, T)                                                                \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_select_v2_params *p = params;                                   \
		const struct ztflm_select_dim *d = p->dims;                                        \
		const uint8_t *c = ztflm_input_data(ctx, 0);                                       \
		const T *x = ztflm_input_data(ctx, 1);                                             \
		const T *y = ztflm_input_data(ctx, 2);                                             \
		T *out = ztflm_output_data(ctx, 0);                                                \
		uint32_t idx[ZTFLM_MAX_DIMS] = {0};                                                \
		uint32_t at[3] = {0, 0, 0};                                                        \
                                                                                                   \
		if (p->ndims == 0u) {                                                              \
			return ZTFLM_OK;                                                           \
		}                                                                                  \
		do {                                                                               \
			for (uint32_t i = 0; i < d->count; i++) {                                  \
				*out++ = c[at[0] + i * d->stride[0]] ? x[at[1] + i * d->stride[1]] \
								     : y[at[2] + i * d->stride[2]]; \
			}                                                                          \
		} while (next(p, idx, at));                                                        \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

SELECT_VARIANT(select_v2_s8_ref, ZTFLM_INT8, int8_t);
SELECT_VARIANT(select_v2_s16_ref, ZTFLM_INT16, int16_t);
SELECT_VARIANT(select_v2_f32_ref, ZTFLM_FLOAT32, float);
