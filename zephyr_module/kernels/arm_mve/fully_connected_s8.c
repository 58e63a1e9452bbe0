/*
 * FULLY_CONNECTED of int8 tensors with int8 weights (Helium): four units per pass, each
 * sixteen-value step one input load, four weight loads, four VMLADAVA and four VADDVA (the
 * weight sums that fold the input offset in: sum (w + fo)(x + io) = sum wx + io sum w +
 * fo sum x + n fo io, all wrapping as TFLM's int32 accumulator); four outputs requantized
 * at once.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

/* One unit's accumulator from its raw dot product and weight sum. */
static inline int32_t finish(const struct ztflm_fc_params *p, const int32_t *bias, int32_t u,
			     int32_t dot, int32_t wsum, uint32_t xterm)
{
	const uint32_t b = bias != NULL ? (uint32_t)bias[u] : 0u;

	return (int32_t)(b + (uint32_t)dot + (uint32_t)wsum * (uint32_t)p->input_offset + xterm);
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t depth = (uint32_t)p->accum_depth;
	const int32_t units = p->output_depth;

	for (int32_t b = 0; b < p->batches; b++) {
		const int8_t *x = in + (uint32_t)b * depth;
		/* fo * (sum x + n io), the same for every unit. */
		const uint32_t xterm =
			p->filter_offset == 0
				? 0u
				: (uint32_t)p->filter_offset *
					  ((uint32_t)ztflm_mve_sum_s8(x, depth) +
					   depth * (uint32_t)p->input_offset);
		int32_t u = 0;

		for (; u + 4 <= units; u += 4) {
			int32_t dot[4] = {0, 0, 0, 0};
			int32_t wsum[4] = {0, 0, 0, 0};

			ztflm_mve_dot_4x1(filter + (uint32_t)u * depth, depth, x, depth, dot, wsum);

			const ztflm_v4 acc = ztflm_v4_make(finish(p, bias, u, dot[0], wsum[0], xterm),
							   finish(p, bias, u + 1, dot[1], wsum[1], xterm),
							   finish(p, bias, u + 2, dot[2], wsum[2], xterm),
							   finish(p, bias, u + 3, dot[3], wsum[3], xterm));
			const ztflm_v4 m = p->per_channel ? ztflm_v4_load(multiplier + u, 4u)
							  : ztflm_v4_dup(multiplier[0]);
			const ztflm_v4 s = p->per_channel ? ztflm_v4_load(shift + u, 4u)
							  : ztflm_v4_dup(shift[0]);

			ztflm_v4_store_s8(out + u,
					  ztflm_v4_requant(acc, m, s, p->output_offset, p->act.q.min,
							   p->act.q.max),
					  4u);
		}
		for (; u < units; u++) {
			const int8_t *w = filter + (uint32_t)u * depth;
			int32_t dot[4] = {0, 0, 0, 0};

			ztflm_mve_dot_2x2(w, w, x, x, depth, dot);

			const int32_t ch = p->per_channel ? u : 0;
			const int32_t acc =
				finish(p, bias, u, dot[0], ztflm_mve_sum_s8(w, depth), xterm);
			const int32_t res = (int32_t)((uint32_t)ztflm_mbqm(acc, multiplier[ch],
									   shift[ch]) +
						      (uint32_t)p->output_offset);

			out[u] = (int8_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
		}
		out += units;
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, compute);
}

/* Every int8 node: the activation range of a checked output quantization is ordered. */
ZTFLM_VARIANT(fully_connected_s8_arm_mve, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
