/* BROADCAST_TO, reference variant: the input gathered through a nest with stride-0 loops. */
#include "ops/broadcast_to.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_broadcast_to_params *p = params;

	ztflm_strided_gather(&p->nest, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0),
			     p->size);
	return ZTFLM_OK;
}

ZTFLM_VARIANT(broadcast_to_ref, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, eval, NULL, NULL);
