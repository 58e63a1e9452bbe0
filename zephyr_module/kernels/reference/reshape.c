/* RESHAPE, reference variant: the bytes, copied only when the output got its own buffer. */
#include <string.h>

#include "ops/reshape.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	struct ztflm_tensor t;

	(void)params;
	if (in != out && ztflm_get_input(ctx, 0, &t) == ZTFLM_OK && t.bytes > 0) {
		memcpy(out, in, t.bytes);
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(reshape_ref, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, eval, NULL, NULL);
