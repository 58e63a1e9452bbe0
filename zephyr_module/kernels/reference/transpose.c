/* TRANSPOSE, reference variants: one strided copy, instantiated per element size. */
#include <string.h>

#include "ops/movement.h"
#include "ops/transpose.h"

/* The output in order; size is a constant in each caller, so the copy is one move. */
static inline void transpose(const struct ztflm_transpose_params *p, const uint8_t *in,
			     uint8_t *out, uint32_t size)
{
	const uint32_t last = p->rank - 1u;
	const uint32_t n = p->out_dims[last];
	const uint32_t step = p->in_strides[last] * size;
	uint32_t idx[ZTFLM_TRANSPOSE_MAX_RANK] = {0};
	uint32_t base = 0;
	int32_t k;

	for (k = 0; k <= (int32_t)last; k++) {
		if (p->out_dims[k] == 0u) {
			return; /* an empty output: the walk below would copy one row */
		}
	}
	do {
		const uint8_t *src = in + base * size;

		for (uint32_t i = 0; i < n; i++) {
			memcpy(out, src, size);
			out += size;
			src += step;
		}
		/* The next row: an odometer over the outer axes. */
		for (k = (int32_t)last - 1; k >= 0; k--) {
			base += p->in_strides[k];
			if (++idx[k] < p->out_dims[k]) {
				break;
			}
			base -= p->in_strides[k] * p->out_dims[k];
			idx[k] = 0;
		}
	} while (k >= 0);
}

ZTFLM_MOVE_VARIANT(transpose_s8_ref, ZTFLM_INT8, transpose, 1u);
ZTFLM_MOVE_VARIANT(transpose_s16_ref, ZTFLM_INT16, transpose, 2u);
ZTFLM_MOVE_VARIANT(transpose_s32_ref, ZTFLM_INT32, transpose, 4u);
ZTFLM_MOVE_VARIANT(transpose_f32_ref, ZTFLM_FLOAT32, transpose, 4u);
