/* MEAN of int16 tensors (reference). */
#include <ztflm/types.h>

#include "common/quant.h"
#include "ops/mean.h"

void ztflm_mean_s16(const struct ztflm_mean_params *p, const int16_t *in, int16_t *out)
{
	const struct ztflm_mean_dim *kept = ztflm_mean_dims(p);
	const struct ztflm_mean_dim *red = kept + p->n_kept;
	/* TFLM subtracts the zero point once per mean, from the wrapped int32 sum. */
	const uint32_t zp_total = (uint32_t)p->input_zero_point * p->reduced_count;
	uint32_t kept_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t red_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t base = 0;

	for (uint32_t k = 0; k < p->n_kept; k++) {
		if (kept[k].count == 0) {
			return;
		}
	}
	do {
		int16_t result = 0;

		if (p->reduced_count > 0) {
			uint32_t sum = 0;
			uint32_t offset = base;

			do {
				sum += (uint32_t)(int32_t)in[offset];
			} while (ztflm_mean_next(red, p->n_reduced, red_idx, &offset));

			const int32_t centered = (int32_t)(sum - zp_total);
			const int32_t scaled = ztflm_mbqm(centered, p->multiplier, p->shift);
			const int32_t q =
				(int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);

			result = (int16_t)ztflm_clamp_i32(q, INT16_MIN, INT16_MAX);
		}
		*out++ = result;
	} while (ztflm_mean_next(kept, p->n_kept, kept_idx, &base));
}
