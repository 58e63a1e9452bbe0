/* The last-axis family's shared parse: the output's shape and the rows. */
#include "ops/last_axis.h"

int ztflm_last_axis_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			  int32_t max_rank, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	struct ztflm_last_axis *r = params;

	ZTFLM_CHECK(ctx, in->dims_count >= 1 && in->dims_count <= max_rank, ZTFLM_ERR_UNSUPPORTED,
		    "input rank %d is not 1 to %d", (int)in->dims_count, (int)max_rank);
	const int rc = ztflm_check_output_shape(ctx, io, in->dims, in->dims_count);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	r->depth = (uint32_t)in->dims[in->dims_count - 1];
	r->outer = r->depth > 0 ? in->elements / r->depth : 0u;
	return ZTFLM_OK;
}
