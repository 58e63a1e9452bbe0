/* SHAPE, reference variant: the input tensor's dimensions, read from the model. */
#include <string.h>

#include "ops/shape.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	struct ztflm_tensor in;

	(void)params;
	if (ztflm_get_input(ctx, 0, &in) == ZTFLM_OK && in.dims_count > 0) {
		memcpy(ztflm_output_data(ctx, 0), in.dims, (size_t)in.dims_count * sizeof(int32_t));
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(shape_s32_ref, ZTFLM_TYPE_ANY, ZTFLM_INT32, eval, NULL, NULL);
