/* The resolver holding every operator of this build: for the host runner, tools and tests. */
#include <ztflm/kernels.h>
#include <ztflm/resolver.h>

static const struct ztflm_op_registration all_ops[] = {
#define ZTFLM_X_REGISTER(NAME, name) ZTFLM_REGISTER(NAME, name),
#define ZTFLM_X_REGISTER_CUSTOM(custom, name) ZTFLM_REGISTER_CUSTOM(custom, name),
	ZTFLM_OPS(ZTFLM_X_REGISTER)
	ZTFLM_CUSTOM_OPS(ZTFLM_X_REGISTER_CUSTOM)
#undef ZTFLM_X_REGISTER
#undef ZTFLM_X_REGISTER_CUSTOM
};

const struct ztflm_op_resolver ztflm_all_ops_resolver = {
	all_ops,
	sizeof(all_ops) / sizeof(all_ops[0]),
};
