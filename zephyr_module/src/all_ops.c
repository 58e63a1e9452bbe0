/* The resolver holding every kernel of this build: for the host runner, tools and tests. */
#include <ztflm/kernels.h>
#include <ztflm/resolver.h>

static const struct ztflm_op_registration all_ops[] = {
#define ZTFLM_X_REGISTER(NAME, name) ZTFLM_REGISTER(NAME, name),
	ZTFLM_KERNELS(ZTFLM_X_REGISTER)
#undef ZTFLM_X_REGISTER
};

const struct ztflm_op_resolver ztflm_all_ops_resolver = {
	all_ops,
	sizeof(all_ops) / sizeof(all_ops[0]),
};
