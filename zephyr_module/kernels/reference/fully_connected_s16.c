/* FULLY_CONNECTED 16x8: int16 tensors, int8 or INT4 weights, int64 or int32 bias (reference). */
#include "common/int4.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

/* sum((w + fo) * (x + io)), exactly: each product fits int32, as in TFLM. */
static int64_t dot(const int8_t *w, const int16_t *x, int32_t n, int32_t io, int32_t fo)
{
	int64_t acc = 0;

	for (int32_t d = 0; d < n; d++) {
		acc += (w[d] + fo) * (x[d] + io);
	}
	return acc;
}

/* One unit at a time: INT4 weights are unpacked into scratch once per unit. */
void ztflm_fully_connected_s16_reference(const struct ztflm_fc_params *p,
					 const int32_t *multiplier, const int32_t *shift,
					 const int16_t *in, const int8_t *filter, const void *bias,
					 int16_t *out, void *scratch)
{
	const uint32_t depth = (uint32_t)p->accum_depth;

	for (int32_t u = 0; u < p->output_depth; u++) {
		const int32_t ch = p->per_channel ? u : 0;
		const int8_t *w = filter + (uint32_t)u * depth;

		if (p->filter_int4) {
			ztflm_int4_unpack(filter, (uint32_t)u * depth, 1u, depth, scratch);
			w = scratch;
		}
		for (int32_t b = 0; b < p->batches; b++) {
			const int64_t sum = dot(w, in + (uint32_t)b * depth, p->accum_depth,
						p->input_offset, p->filter_offset);
			const int32_t v = ztflm_conv_scale_s16(sum, bias, (uint32_t)u, p->acc32,
							       multiplier[ch], shift[ch]);
			const int32_t res = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);

			out[(uint32_t)b * (uint32_t)p->output_depth + (uint32_t)u] =
				(int16_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s16_eval(ctx, params, ztflm_fully_connected_s16_reference);
}

ZTFLM_VARIANT(fully_connected_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL,
	      ztflm_fully_connected_int4_scratch);
