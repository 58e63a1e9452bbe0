/*
 * FULLY_CONNECTED of int8 tensors with int8 weights (Arm DSP extension): each batch row widened
 * once to int16 with the input offset in the scratch buffer, then three weight rows at a time
 * with SMLAD; a filter offset enters as offset times the sum of the input (any filter offset,
 * wrapping as TFLM's int32 accumulator). The input offset, a checked int8 zero point negated,
 * fits the int16 lanes with the input: the variant runs every int8 node.
 */
#include "arm_dsp/dsp.h"
#include "arm_dsp/mat_mult_s8.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_fc_params *p = params;

	/* One widened batch row, 8-byte aligned in scratch the arena aligns to 4. */
	return 4u + 2u * (uint32_t)p->accum_depth;
}

/*
 * The input row widened: each group of four values x0..x3 (offset added) as one 64-bit word,
 * (x0, x2) low and (x1, x3) high, the split SXTB16 gives the weights. Returns the sum of all
 * depth offset values, the tail past the last group included.
 */
static int32_t fc_widen(const int8_t *x, uint32_t depth, int32_t offset, uint64_t *dst)
{
	const uint32_t off2 = ztflm_dsp_dup16(offset);
	uint32_t sum = 0;
	uint32_t i = 0;

	for (; i + 4u <= depth; i += 4u) {
		const uint32_t v = ztflm_dsp_load4(x + i);
		const uint32_t lo = ztflm_dsp_sxtab16(off2, v);
		const uint32_t hi = ztflm_dsp_sxtab16_ror8(off2, v);

		*dst++ = lo | ((uint64_t)hi << 32);
		sum = (uint32_t)ztflm_dsp_smlad(lo, 0x00010001u, (int32_t)sum);
		sum = (uint32_t)ztflm_dsp_smlad(hi, 0x00010001u, (int32_t)sum);
	}
	for (; i < depth; i++) {
		sum += (uint32_t)(x[i] + offset);
	}
	return (int32_t)sum;
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t depth = (uint32_t)p->accum_depth;
	const uint32_t units = (uint32_t)p->output_depth;
	const uint32_t groups = depth / 4u;
	const int32_t in_offset = p->input_offset;
	const int32_t f_offset = p->filter_offset;
	const int32_t out_offset = p->output_offset;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;
	const int32_t step = p->per_channel ? 1 : 0;
	uint64_t *wide = (uint64_t *)(void *)(((uintptr_t)scratch + 7u) & ~(uintptr_t)7u);

	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		const int8_t *x = in + b * depth;
		/* (w + f_offset) . x = w . x + f_offset * sum(x), modulo 2^32 like the rest. */
		const uint32_t base = (uint32_t)f_offset *
				      (uint32_t)fc_widen(x, depth, in_offset, wide);
		int8_t *o = out + b * units;
		uint32_t u = 0;

		while (u < units) {
			const uint32_t count = units - u >= 3u ? 3u : 1u;
			int32_t acc[3];

			for (uint32_t j = 0; j < count; j++) {
				acc[j] = (int32_t)(base + (bias != NULL ? (uint32_t)bias[u + j] : 0u));
			}
			if (count == 3u) {
				ztflm_mm_dot3x1(filter + u * depth, depth, wide, groups, acc);
			} else {
				acc[0] = ztflm_mm_dot1x1(filter + u * depth, wide, groups, acc[0]);
			}
			for (uint32_t j = 0; j < count; j++) {
				const int8_t *w = filter + (u + j) * depth;
				uint32_t sum = (uint32_t)acc[j];

				for (uint32_t i = 4u * groups; i < depth; i++) {
					sum += (uint32_t)(w[i] * (x[i] + in_offset));
				}
				const int32_t ch = (int32_t)(u + j) * step;
				const int32_t s = shift[ch];

				o[u + j] = ztflm_dsp_out_s8((int32_t)sum, multiplier[ch], s > 0 ? s : 0,
							    s > 0 ? 0 : -s, out_offset, lo, hi);
			}
			u += count;
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, compute);
}

/* Every int8 node: the input offset of a checked zero point fits the int16 lanes. */
ZTFLM_VARIANT(fully_connected_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, scratch_bytes);
