/* READ_VARIABLE and ASSIGN_VARIABLE: a resource variable's id, found at prepare. */
#ifndef ZTFLM_KERNELS_OPS_RESOURCE_VARIABLE_H_
#define ZTFLM_KERNELS_OPS_RESOURCE_VARIABLE_H_

#include <ztflm/op.h>

struct ztflm_resource_params {
	int32_t id;
};

/*
 * Input 0 is a resource (a VAR_HANDLE's output in the node's subgraph); the node reads the
 * variable as tensor t, or writes it (assign). Fills the params with its id.
 */
int ztflm_resource_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			 const struct ztflm_tensor *t, bool assign, void *params);

#endif /* ZTFLM_KERNELS_OPS_RESOURCE_VARIABLE_H_ */
