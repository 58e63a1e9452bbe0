/* The view family's variant: a copy, when the output could not share the input's buffer. */
#include <string.h>

#include "ops/view.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	struct ztflm_tensor t;

	(void)params;
	if (in != out && ztflm_get_input(ctx, 0, &t) == ZTFLM_OK && t.bytes > 0u) {
		memcpy(out, in, t.bytes);
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(view_ref, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, eval, NULL, NULL);
