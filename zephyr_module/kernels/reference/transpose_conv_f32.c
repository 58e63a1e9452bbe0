/* TRANSPOSE_CONV of float32 tensors (reference; each sum in TFLM's order). */
#include "common/quant.h"
#include "ops/transpose_conv.h"

/* TFLM adds each product to the output element, zeroed first. */
static void tap(union ztflm_transpose_conv_acc *acc, const void *px, const void *pf, uint32_t c)
{
	const float *x = px;
	const float *w = pf;

	for (uint32_t k = 0; k < c; k++) {
		acc->f += x[k] * w[k];
	}
}

static void put(const struct ztflm_transpose_conv_params *p,
		const union ztflm_transpose_conv_acc *acc, int32_t oc, const void *bias, void *out)
{
	const float sum = bias != NULL ? acc->f + ((const float *)bias)[oc] : acc->f;

	*(float *)out = ztflm_clamp_f32(sum, p->q.act.f.min, p->q.act.f.max);
}

static const struct ztflm_transpose_conv_kind kind = {4, 4, 4, tap, put};

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_transpose_conv_run(ctx, params, &kind);
}

ZTFLM_VARIANT(transpose_conv_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
