/*
 * FULLY_CONNECTED of int8 tensors with int8 weights (Arm DSP extension): each batch row widened
 * once to int16 with the input offset in the scratch buffer, then the weight rows two at a
 * time with SMLAD (the filter offset folded in by SXTAB16). Offsets outside int8 take the
 * scalar path.
 */
#include "arm_dsp/dsp.h"
#include "arm_dsp/mat_mult_s8.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

static int use_dsp(const struct ztflm_fc_params *p)
{
	return p->input_offset >= -128 && p->input_offset <= 128 && p->filter_offset >= -128 &&
	       p->filter_offset <= 128;
}

uint32_t ztflm_fully_connected_s8_scratch_bytes(const struct ztflm_fc_params *p)
{
	/* One widened batch row. */
	return use_dsp(p) ? 2u * (uint32_t)p->accum_depth : 0u;
}

static void fc_scalar(const struct ztflm_fc_params *p, const int32_t *multiplier,
		      const int32_t *shift, const int8_t *in, const int8_t *filter,
		      const int32_t *bias, int8_t *out)
{
	const int32_t depth = p->accum_depth;
	const int32_t step = p->per_channel ? 1 : 0;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *x = in + (uint32_t)b * (uint32_t)depth;

		for (int32_t u = 0; u < p->output_depth; u++) {
			const int8_t *w = filter + (uint32_t)u * (uint32_t)depth;
			uint32_t acc = bias != NULL ? (uint32_t)bias[u] : 0u;

			for (int32_t d = 0; d < depth; d++) {
				acc += (uint32_t)(((int32_t)w[d] + p->filter_offset) *
						  ((int32_t)x[d] + p->input_offset));
			}
			const int32_t ch = u * step;
			const int32_t res = (int32_t)((uint32_t)ztflm_mbqm((int32_t)acc,
									    multiplier[ch],
									    shift[ch]) +
						      (uint32_t)p->output_offset);

			*out++ = (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
		}
	}
}

void ztflm_fully_connected_s8(const struct ztflm_fc_params *p, const int32_t *multiplier,
			      const int32_t *shift, const int8_t *in, const int8_t *filter,
			      const int32_t *bias, int8_t *out, void *scratch)
{
	if (!use_dsp(p) || scratch == NULL) {
		fc_scalar(p, multiplier, shift, in, filter, bias, out);
		return;
	}
	const uint32_t depth = (uint32_t)p->accum_depth;
	int16_t *wide = scratch;
	const struct ztflm_mat_mult_s8 mm = {
		.rows = p->output_depth,
		.depth = p->accum_depth,
		.weights = filter,
		.weight_offset = p->filter_offset,
		.bias = bias,
		.multiplier = multiplier,
		.shift = shift,
		.per_channel = p->per_channel,
		.output_offset = p->output_offset,
		.act_min = p->act.q.min,
		.act_max = p->act.q.max,
	};

	const uint32_t units = (uint32_t)p->output_depth;

	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		ztflm_widen_s8(in + b * depth, depth, p->input_offset, wide);
		ztflm_mat_mult_s8_1col(&mm, wide, out + b * units);
	}
}
