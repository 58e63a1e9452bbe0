/*
 * FULLY_CONNECTED 16x8 (Helium): four weight rows against the batch row, four VMLALDAVA (eight
 * int8 weights widened by the load against eight int16 inputs, into TFLM's int64 accumulator)
 * per eight depth values; a filter offset enters as offset times the sum of the row. An input
 * zero point and INT4 weights take the reference variant.
 */
#include "arm_mve/mve.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

/* One output value of unit u from its exact sum. */
static int16_t output(const struct ztflm_fc_params *p, const int32_t *multiplier,
		      const int32_t *shift, const void *bias, uint32_t u, int64_t sum)
{
	const uint32_t ch = p->per_channel ? u : 0u;
	const int32_t v = ztflm_conv_scale_s16(sum, bias, u, p->acc32, multiplier[ch], shift[ch]);
	const int32_t res = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);

	return (int16_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	(void)scratch;
	const uint32_t depth = (uint32_t)p->accum_depth;
	const uint32_t units = (uint32_t)p->output_depth;

	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		const int16_t *x = in + b * depth;
		int64_t x_sum = 0;

		if (p->filter_offset != 0) {
			for (uint32_t i = 0; i < depth; i++) {
				x_sum += x[i];
			}
		}
		/* sum((w + fo) x) = sum(w x) + fo sum(x): the second the same for every unit. */
		const int64_t base = (int64_t)p->filter_offset * x_sum;

		uint32_t u = 0;
		int64_t acc[4];

		for (; u + 4u <= units; u += 4u) {
			acc[0] = acc[1] = acc[2] = acc[3] = base;
			ztflm_mve_dot_s16_4x1(filter + u * depth, depth, x, depth, acc);
			for (uint32_t j = 0; j < 4u; j++) {
				out[b * units + u + j] = output(p, multiplier, shift, bias, u + j, acc[j]);
			}
		}
		/* The last units one at a time (row stride 0: the same row four times). */
		for (; u < units; u++) {
			acc[0] = acc[1] = acc[2] = acc[3] = base;
			ztflm_mve_dot_s16_4x1(filter + u * depth, 0u, x, depth, acc);
			out[b * units + u] = output(p, multiplier, shift, bias, u, acc[0]);
		}
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_fc_params *p = params;

	return !p->filter_int4 && p->input_offset == 0;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(fully_connected_s16_arm_mve, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, NULL);
