/* Looking up operators in an op resolver, and the builtin operator names. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/resolver.h>

int32_t ztflm_resolve_index(const struct ztflm_op_resolver *r, int32_t builtin_code,
			    const char *custom_name, uint32_t custom_name_len)
{
	for (uint32_t i = 0; r && i < r->count; i++) {
		const struct ztflm_op_registration *reg = &r->ops[i];

		if (reg->builtin_code != builtin_code) {
			continue;
		}
		if (builtin_code != ZTFLM_OP_CUSTOM) {
			return (int32_t)i;
		}
		if (custom_name && reg->custom_name && strlen(reg->custom_name) == custom_name_len &&
		    memcmp(reg->custom_name, custom_name, custom_name_len) == 0) {
			return (int32_t)i;
		}
	}
	return -1;
}

const struct ztflm_op *ztflm_resolve(const struct ztflm_op_resolver *r, int32_t builtin_code,
					 const char *custom_name, uint32_t custom_name_len)
{
	const int32_t i = ztflm_resolve_index(r, builtin_code, custom_name, custom_name_len);

	return i < 0 ? NULL : r->ops[i].op;
}

#ifndef ZTFLM_NO_OP_NAMES
const char *ztflm_builtin_name(int32_t builtin_code)
{
	switch (builtin_code) {
#define ZTFLM_X_NAME(code, name)                                                                   \
	case code:                                                                                 \
		return #name;
		ZTFLM_BUILTIN_OPS(ZTFLM_X_NAME)
#undef ZTFLM_X_NAME
	default:
		return "UNKNOWN";
	}
}
#else
const char *ztflm_builtin_name(int32_t builtin_code)
{
	(void)builtin_code;
	return "BUILTIN";
}
#endif
