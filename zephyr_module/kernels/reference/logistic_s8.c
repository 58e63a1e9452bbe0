/* LOGISTIC on int8 (reference): Q4.27 input, gemmlowp logistic, output in 1/256 steps. */
#include "common/fixedpoint.h"
#include "ops/logistic.h"

void ztflm_logistic_s8(const struct ztflm_q4_params *p, const int8_t *in, int8_t *out)
{
	for (uint32_t i = 0; i < p->count; i++) {
		const int32_t x = (int32_t)in[i] - p->input_zero_point;

		if (x <= -p->input_range_radius) {
			out[i] = INT8_MIN;
		} else if (x >= p->input_range_radius) {
			out[i] = INT8_MAX;
		} else {
			const int32_t q4 = ztflm_mbqm(x, p->input_multiplier, p->input_left_shift);
			const int32_t q0 = ztflm_fp_logistic(q4, 4);
			const int32_t y = ztflm_rdbpot(q0, 31 - 8) - 128;

			out[i] = (int8_t)ztflm_clamp_i32(y, INT8_MIN, INT8_MAX);
		}
	}
}
