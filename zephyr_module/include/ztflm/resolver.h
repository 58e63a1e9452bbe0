/* The op resolver: a table fixed at compile time, so the linker keeps only registered kernels. */
#ifndef ZTFLM_RESOLVER_H_
#define ZTFLM_RESOLVER_H_

#include <ztflm/builtin_ops.h>
#include <ztflm/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct ztflm_op;

/** One registration: a builtin code (or a custom name) and its operator descriptor. */
struct ztflm_op_registration {
	int32_t builtin_code;           /**< enum ztflm_builtin_op, or ZTFLM_OP_CUSTOM */
	const char *custom_name;        /**< for ZTFLM_OP_CUSTOM, else NULL */
	const struct ztflm_op *op;
};

struct ztflm_op_resolver {
	const struct ztflm_op_registration *ops;
	uint32_t count;
};

/** A builtin registration: ZTFLM_REGISTER(CONV_2D, conv_2d) uses ztflm_op_conv_2d. */
#define ZTFLM_REGISTER(NAME, op_name) {ZTFLM_OP_##NAME, NULL, &ztflm_op_##op_name}

/** A custom operator: ZTFLM_REGISTER_CUSTOM("SignalWindow", signal_window). */
#define ZTFLM_REGISTER_CUSTOM(custom, op_name) {ZTFLM_OP_CUSTOM, (custom), &ztflm_op_##op_name}

/** Resolver holding every operator this build provides (host runner, tests). */
extern const struct ztflm_op_resolver ztflm_all_ops_resolver;

/** Index in r->ops of the registration for a builtin code or custom name, -1 when none. */
int32_t ztflm_resolve_index(const struct ztflm_op_resolver *r, int32_t builtin_code,
			    const char *custom_name, uint32_t custom_name_len);

/** The operator registered for a builtin code or custom name, NULL when there is none. */
const struct ztflm_op *ztflm_resolve(const struct ztflm_op_resolver *r, int32_t builtin_code,
					 const char *custom_name, uint32_t custom_name_len);

/**
 * Name of a builtin operator ("CONV_2D"). When the build leaves the name table out
 * (CONFIG_ZTFLM_OP_NAMES=n) every name is "BUILTIN"; callers add the code themselves.
 */
const char *ztflm_builtin_name(int32_t builtin_code);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_RESOLVER_H_ */
