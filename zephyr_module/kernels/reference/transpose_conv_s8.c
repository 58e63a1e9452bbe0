/* TRANSPOSE_CONV of int8 tensors with int8 weights, per-channel or per-tensor (reference). */
#include "common/quant.h"
#include "ops/transpose_conv.h"

/* sum(w * (x + input offset)) = sum(w * x) + input offset * sum(w), both modulo 2^32. */
static void tap(union ztflm_transpose_conv_acc *acc, const void *px, const void *pf, uint32_t c)
{
	const int8_t *x = px;
	const int8_t *w = pf;

	for (uint32_t k = 0; k < c; k++) {
		acc->q.sum += (uint32_t)((int32_t)w[k] * x[k]);
		acc->q.w_sum += (uint32_t)(int32_t)w[k];
	}
}

static void put(const struct ztflm_transpose_conv_params *p,
		const union ztflm_transpose_conv_acc *acc, int32_t oc, const void *bias, void *out)
{
	const int32_t *mult = ztflm_conv_multipliers(p, sizeof(*p));
	const int32_t ch = p->q.per_channel ? oc : 0;
	uint32_t sum = acc->q.sum + acc->q.w_sum * (uint32_t)p->q.input_offset;

	if (bias != NULL) {
		sum += (uint32_t)((const int32_t *)bias)[oc];
	}
	const int32_t scaled = ztflm_mbqm((int32_t)sum, mult[ch],
					  mult[(p->q.per_channel ? p->output_c : 1) + ch]);
	const int32_t res = (int32_t)((uint32_t)scaled + (uint32_t)p->q.output_offset);

	*(int8_t *)out = (int8_t)ztflm_clamp_i32(res, p->q.act.q.min, p->q.act.q.max);
}

static const struct ztflm_transpose_conv_kind kind = {1, 1, 1, tap, put};

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_transpose_conv_run(ctx, params, &kind);
}

ZTFLM_VARIANT(transpose_conv_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
