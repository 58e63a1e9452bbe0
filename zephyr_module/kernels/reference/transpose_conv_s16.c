/*
 * TRANSPOSE_CONV 16x8: int16 tensors, int8 weights, an int64 bias or an int16 one widened, the
 * sums exact in int64 as in TFLM's scratch, gathered per output instead (reference).
 */
#include "common/quant.h"
#include "ops/transpose_conv.h"

static void tap(union ztflm_transpose_conv_acc *acc, const void *px, const void *pf, uint32_t c)
{
	const int16_t *x = px;
	const int8_t *w = pf;

	for (uint32_t k = 0; k < c; k++) {
		acc->s64 += (int32_t)w[k] * x[k];
	}
}

static void put(const struct ztflm_transpose_conv_params *p,
		const union ztflm_transpose_conv_acc *acc, int32_t oc, const void *bias, void *out)
{
	const int32_t *mult = ztflm_conv_multipliers(p, sizeof(*p));
	const int32_t ch = p->q.per_channel ? oc : 0;
	int64_t sum = acc->s64;
	const void *b64 = bias;

	if (bias != NULL && p->q.bias16) {
		sum += ((const int16_t *)bias)[oc];
		b64 = NULL;
	}
	const int32_t v = ztflm_conv_scale_s16(sum, b64, (uint32_t)oc, 0, mult[ch],
					       mult[(p->q.per_channel ? p->output_c : 1) + ch]);

	*(int16_t *)out = (int16_t)ztflm_clamp_i32(v, p->q.act.q.min, p->q.act.q.max);
}

static const struct ztflm_transpose_conv_kind kind = {2, 1, 2, tap, put};

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_transpose_conv_run(ctx, params, &kind);
}

ZTFLM_VARIANT(transpose_conv_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
