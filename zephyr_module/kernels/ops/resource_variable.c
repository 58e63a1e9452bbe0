/* READ_VARIABLE and ASSIGN_VARIABLE: a resource variable's id, found at prepare. */
#include "ops/resource_variable.h"

#if ZTFLM_SUBGRAPHS > 1
int ztflm_resource_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			 const struct ztflm_tensor *t, bool assign, void *params)
{
	struct ztflm_resource_params *p = params;
	const struct ztflm_tensor *handle = &io->in[0];

	/* TFLM reads the id from input 0's data (VAR_HANDLE's op data) as an int32. */
	ZTFLM_CHECK(ctx, (handle->type == ZTFLM_RESOURCE || handle->type == ZTFLM_INT32) &&
				 handle->elements == 1,
		    ZTFLM_ERR_MODEL, "input 0 is %s of %u elements, not one resource",
		    ztflm_type_name(handle->type), handle->elements);
	p->id = ztflm_resource_id(ctx, 0);
	return p->id < 0 ? p->id : ztflm_resource_use(ctx, p->id, t, assign);
}
#endif
