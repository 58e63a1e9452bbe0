/* FULLY_CONNECTED of int8 tensors, int8 or INT4 weights, per-channel or per-tensor (reference). */
#include "common/int4.h"
#include "common/quant.h"
#include "ops/fully_connected.h"

/*
 * sum((w + fo) * (x + io)) = sum(w * x) + io * sum(w) + fo * sum(x) + n * fo * io, all
 * modulo 2^32 like TFLM's wrapping int32 accumulator: the same bits, with one multiply and
 * one add per weight instead of two adds and a multiply.
 */
static int32_t dot(const int8_t *w, const int8_t *x, int32_t n, int32_t io, uint32_t x_term)
{
	uint32_t acc = 0;
	uint32_t w_sum = 0;
	int32_t d = 0;

	for (; d + 4 <= n; d += 4) {
		acc += (uint32_t)((int32_t)w[d] * x[d]) + (uint32_t)((int32_t)w[d + 1] * x[d + 1]) +
		       (uint32_t)((int32_t)w[d + 2] * x[d + 2]) +
		       (uint32_t)((int32_t)w[d + 3] * x[d + 3]);
		w_sum += (uint32_t)((int32_t)w[d] + w[d + 1] + w[d + 2] + w[d + 3]);
	}
	for (; d < n; d++) {
		acc += (uint32_t)((int32_t)w[d] * x[d]);
		w_sum += (uint32_t)(int32_t)w[d];
	}
	return (int32_t)(acc + w_sum * (uint32_t)io + x_term);
}

/* fo * sum(x) + n * fo * io: the same for every unit of a batch. */
static uint32_t x_term(const struct ztflm_fc_params *p, const int8_t *x)
{
	uint32_t x_sum = 0;

	if (p->filter_offset == 0) {
		return 0u;
	}
	for (int32_t d = 0; d < p->accum_depth; d++) {
		x_sum += (uint32_t)(int32_t)x[d];
	}
	return (uint32_t)p->filter_offset * x_sum +
	       (uint32_t)p->accum_depth * (uint32_t)p->filter_offset * (uint32_t)p->input_offset;
}

/* The fields the innermost loops read, in locals the int8 stores cannot alias. */
struct fc_loop {
	int32_t depth;
	int32_t input_offset;
	int32_t output_offset;
	int32_t min;
	int32_t max;
};

static inline struct fc_loop fc_loop(const struct ztflm_fc_params *p)
{
	return (struct fc_loop){p->accum_depth, p->input_offset, p->output_offset, p->act.q.min,
				p->act.q.max};
}

/* One output: unit weights w against input row x, requantized and clamped. */
static inline int8_t output_value(struct fc_loop l, const int8_t *w, const int8_t *x, uint32_t xt,
				  const int32_t *bias, int32_t u, const int32_t *multiplier,
				  const int32_t *shift, int32_t ch)
{
	uint32_t acc = (uint32_t)dot(w, x, l.depth, l.input_offset, xt);

	if (bias != NULL) {
		acc += (uint32_t)bias[u];
	}
	const int32_t scaled = ztflm_mbqm((int32_t)acc, multiplier[ch], shift[ch]);
	const int32_t res = (int32_t)((uint32_t)scaled + (uint32_t)l.output_offset);

	return (int8_t)ztflm_clamp_i32(res, l.min, l.max);
}

void ztflm_fully_connected_s8_reference(const struct ztflm_fc_params *p, const int32_t *multiplier,
					const int32_t *shift, const int8_t *in,
					const int8_t *filter, const int32_t *bias, int8_t *out,
					void *scratch)
{
	(void)scratch;
	const struct fc_loop l = fc_loop(p);
	const int32_t units = p->output_depth;
	const int32_t batches = p->batches;
	const int32_t step = p->per_channel ? 1 : 0;

	for (int32_t b = 0; b < batches; b++) {
		const int8_t *x = in + (uint32_t)b * (uint32_t)l.depth;
		const uint32_t xt = x_term(p, x);

		for (int32_t u = 0; u < units; u++) {
			const int32_t ch = u * step;

			*out++ = output_value(l, filter + (uint32_t)u * (uint32_t)l.depth, x, xt, bias,
					      u, multiplier, shift, ch);
		}
	}
}

/* INT4 weights: one unit at a time, its weights unpacked into scratch. */
void ztflm_fully_connected_s4_reference(const struct ztflm_fc_params *p, const int32_t *multiplier,
					const int32_t *shift, const int8_t *in, const int8_t *filter,
					const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t depth = (uint32_t)p->accum_depth;
	int8_t *w = scratch;

	/* Without INT4 this folds away, leaving the int8 variant output_value's only caller. */
	if (!ZTFLM_TYPE_BUILT(ZTFLM_INT4)) {
		return;
	}

	for (int32_t u = 0; u < p->output_depth; u++) {
		const int32_t ch = p->per_channel ? u : 0;

		ztflm_int4_unpack(filter, (uint32_t)u * depth, 1u, depth, w);
		for (int32_t b = 0; b < p->batches; b++) {
			const int8_t *x = in + (uint32_t)b * depth;

			out[(uint32_t)b * (uint32_t)p->output_depth + (uint32_t)u] = output_value(
				fc_loop(p), w, x, x_term(p, x), bias, u, multiplier, shift, ch);
		}
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, ztflm_fully_connected_s8_reference);
}

static int eval_s4(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, ztflm_fully_connected_s4_reference);
}

ZTFLM_VARIANT(fully_connected_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
ZTFLM_VARIANT_WEIGHTS(fully_connected_s4_ref, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval_s4,
		      ztflm_fully_connected_int4, ztflm_fully_connected_int4_scratch);
