/* The element-wise unary family's shared parse: one input, one output of as many elements. */
#include "ops/unary.h"

int ztflm_unary_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_unary *u = params;

	ZTFLM_CHECK(ctx, io->in[0].elements == io->out[0].elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)io->in[0].elements,
		    (unsigned)io->out[0].elements);
	u->count = io->out[0].elements;
	return ZTFLM_OK;
}
