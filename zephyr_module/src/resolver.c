/* Looking up operators in an op resolver (a model's at init), and the builtin operator names. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/resolver.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

#define NO_KERNEL 0xFFFFu

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

/* The opcode of node (of the current subgraph) to its operator, unless an earlier node did. */
static int resolve_node(struct ztflm_interpreter *ip, uint32_t node)
{
	const uint8_t *b = ip->model;
	const uint32_t opcode = ztflm_operator_opcode(ip, ztflm_operator_table(ip, node));

	if (ip->opcode_kernel[opcode] != 0) {
		return ZTFLM_OK;
	}
	const int32_t code = ztflm_opcode_builtin(ip, opcode);
	const uint32_t oc = fb_vec_table(b, ip->opcodes, opcode);
	const uint32_t name = fb_field_ref(b, oc, ZTFLM_OPCODE_CUSTOM_CODE);
	const char *custom = name ? (const char *)b + name + 4u : NULL;
	const uint32_t custom_len = name ? fb_u32(b, name) : 0u;
	const int32_t k = ztflm_resolve_index(ip->resolver, code, custom, custom_len);

	if (k < 0 || k >= (int32_t)NO_KERNEL - 1) {
		if (code == ZTFLM_OP_CUSTOM) {
			/* Verified: the name's length is below ZTFLM_MAX_SIZE. */
			return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, (int32_t)node,
					       "custom operator '%.*s' is not registered in "
					       "the op resolver",
					       (int)custom_len, custom ? custom : "");
		}
		return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, (int32_t)node,
				       "operator is not registered in the op resolver");
	}
	ip->opcode_kernel[opcode] = (uint16_t)(k + 1);
	return ZTFLM_OK;
}

ZTFLM_COLD
int ztflm_resolve_model(struct ztflm_interpreter *ip)
{
	int rc = ZTFLM_OK;

	/* Zeroed: no opcode resolved yet. */
	ip->opcode_kernel = ztflm_tail_alloc(ip, 2u * ip->opcode_count, 4u);
	if (!ip->opcode_kernel && ip->opcode_count) {
		return ztflm_error_arena(ip, ip->tail_bytes, false);
	}
	/* Every subgraph's nodes: a node of any one may run. */
	for (uint32_t sg = 0; !rc && sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		for (uint32_t node = 0; !rc && node < ip->op_count; node++) {
			rc = resolve_node(ip, node);
		}
	}
	ztflm_subgraph_enter(ip, 0);
	return rc;
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
