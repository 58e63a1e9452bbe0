/* SignalOverlapAdd, reference variants (int16 saturating, float32) and state reset. */
#include <string.h>

#include "ops/signal.h"

static uint8_t *row_of(const struct ztflm_signal_overlap_add_params *p, uint32_t r)
{
	return (uint8_t *)(uintptr_t)(p + 1) + r * ztflm_signal_row_bytes(p->frame_size, p->elem_size);
}

void ztflm_signal_overlap_add_reset(void *params)
{
	const struct ztflm_signal_overlap_add_params *p = params;

	memset(row_of(p, 0), 0, p->rows * ztflm_signal_row_bytes(p->frame_size, p->elem_size));
}

static inline int16_t add_s16(int16_t a, int16_t b)
{
	const int32_t sum = (int32_t)a + b;

	return (int16_t)(sum < INT16_MIN ? INT16_MIN : sum > INT16_MAX ? INT16_MAX : sum);
}

static inline float add_f32(float a, float b)
{
	return a + b;
}

/* Each frame added onto the row's sum; its first frame_step samples out, the rest moved up. */
#define OVERLAP_ADD_VARIANT(id, type, T, add)                                                      \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_signal_overlap_add_params *p = params;                          \
		const T *in = ztflm_input_data(ctx, 0);                                            \
		T *out = ztflm_output_data(ctx, 0);                                                \
		const uint32_t size = p->frame_size;                                               \
		const uint32_t step = p->frame_step;                                               \
                                                                                                   \
		for (uint32_t r = 0; r < p->rows; r++) {                                           \
			T *sum = (T *)(void *)row_of(p, r);                                        \
                                                                                                   \
			for (uint32_t f = 0; f < p->frames; f++) {                                 \
				const uint32_t k = r * p->frames + f;                              \
                                                                                                   \
				for (uint32_t i = 0; i < size; i++) {                             \
					sum[i] = add(sum[i], in[k * size + i]);                    \
				}                                                                  \
				memcpy(out + k * step, sum, step * sizeof(T));                     \
				memmove(sum, sum + step, (size - step) * sizeof(T));               \
				memset(sum + size - step, 0, step * sizeof(T));                    \
			}                                                                          \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

OVERLAP_ADD_VARIANT(signal_overlap_add_s16_ref, ZTFLM_INT16, int16_t, add_s16);
OVERLAP_ADD_VARIANT(signal_overlap_add_f32_ref, ZTFLM_FLOAT32, float, add_f32);
