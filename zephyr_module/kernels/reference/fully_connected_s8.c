/* FULLY_CONNECTED of int8 tensors with int8 weights, per-channel or per-tensor (reference). */
#include "common/quant.h"
#include "ops/fully_connected.h"

uint32_t ztflm_fully_connected_s8_scratch_bytes(const struct ztflm_fc_params *p)
{
	(void)p;
	return 0;
}

void ztflm_fully_connected_s8(const struct ztflm_fc_params *p, const int32_t *multiplier,
			      const int32_t *shift, const int8_t *in, const int8_t *filter,
			      const int32_t *bias, int8_t *out, void *scratch)
{
	const int32_t depth = p->accum_depth;
	const int32_t units = p->output_depth;
	const int32_t in_offset = p->input_offset;
	const int32_t f_offset = p->filter_offset;
	const int32_t step = p->per_channel ? 1 : 0;

	(void)scratch;
	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *x = in + (uint32_t)b * (uint32_t)depth;

		for (int32_t u = 0; u < units; u++) {
			const int8_t *w = filter + (uint32_t)u * (uint32_t)depth;
			/* Wrapping, as TFLM's unchecked int32 accumulator. */
			uint32_t acc = 0;

			for (int32_t d = 0; d < depth; d++) {
				acc += (uint32_t)(((int32_t)w[d] + f_offset) *
						  ((int32_t)x[d] + in_offset));
			}
			if (bias != NULL) {
				acc += (uint32_t)bias[u];
			}
			const int32_t ch = u * step;
			const int32_t scaled = ztflm_mbqm((int32_t)acc, multiplier[ch], shift[ch]);
			const int32_t res =
				(int32_t)((uint32_t)scaled + (uint32_t)p->output_offset);

			*out++ = (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
		}
	}
}
