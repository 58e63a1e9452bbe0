/* MEAN of float32 tensors (reference). */
#include <ztflm/types.h>

#include "ops/mean.h"

void ztflm_mean_f32(const struct ztflm_mean_params *p, const float *in, float *out)
{
	const struct ztflm_mean_dim *kept = ztflm_mean_dims(p);
	const struct ztflm_mean_dim *red = kept + p->n_kept;
	const float count = (float)p->reduced_count;
	uint32_t kept_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t red_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t base = 0;

	for (uint32_t k = 0; k < p->n_kept; k++) {
		if (kept[k].count == 0) {
			return;
		}
	}
	do {
		float result = 0.0f;

		if (p->reduced_count > 0) {
			float sum = 0.0f;
			uint32_t offset = base;

			/* In memory order from +0.0f, then one division: TFLM's rounding. */
			do {
				sum = in[offset] + sum;
			} while (ztflm_mean_next(red, p->n_reduced, red_idx, &offset));
			result = sum / count;
		}
		*out++ = result;
	} while (ztflm_mean_next(kept, p->n_kept, kept_idx, &base));
}
