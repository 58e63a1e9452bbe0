/* Locating a model's tables: the offsets the interpreter reads, checked when the build verifies. */
#include <string.h>

#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"
#include "table.h"

#define bad(...) ztflm_error_model(ip, ZTFLM_ERR_MODEL, __VA_ARGS__)

/*
 * The root, subgraph 0 and the OfflineMemoryAllocation metadata, through ztflm_fields: with
 * ZTFLM_VERIFY_MODEL each table is checked as it is read (verify.c checks the rest after);
 * without, a trusted model is only located.
 */
ZTFLM_COLD
int ztflm_locate(struct ztflm_interpreter *ip)
{
	const uint8_t *b = ip->model;
	const uint32_t len = ip->model_size;
	uint32_t at[FIELD_SLOTS];

	if (len < 8u) {
		return bad("%u bytes is too short for a FlatBuffer", len);
	}
	const uint32_t model = fb_u32(b, 0);

	if (model > len - 4u || !ztflm_table_ok(b, len, model)) {
		return bad("root table offset %u is not a valid table (not a .tflite file?)", model);
	}
	if (!ztflm_fields(b, len, model, ztflm_model_fields, at)) {
		return bad("the model table is malformed");
	}
	const uint32_t subgraphs = at[ZTFLM_MODEL_SUBGRAPHS];
	const uint32_t meta = at[ZTFLM_MODEL_METADATA];

	ip->opcodes = at[ZTFLM_MODEL_OPERATOR_CODES];
	ip->opcode_count = fb_vec_len(b, ip->opcodes);
	ip->buffers = at[ZTFLM_MODEL_BUFFERS];
	if (fb_vec_len(b, subgraphs) == 0) {
		return bad("no subgraph");
	}
#if ZTFLM_SUBGRAPHS > 1
	const int rc = ztflm_subgraphs_locate(ip, subgraphs);

	if (rc) {
		return rc;
	}
#else
	if (!ztflm_fields(b, len, fb_vec_table(b, subgraphs, 0), ztflm_subgraph_fields, at)) {
		return bad("subgraph 0 is malformed");
	}
	ip->tensors = at[ZTFLM_SUBGRAPH_TENSORS];
	ip->graph_inputs = at[ZTFLM_SUBGRAPH_INPUTS];
	ip->graph_outputs = at[ZTFLM_SUBGRAPH_OUTPUTS];
	ip->operators = at[ZTFLM_SUBGRAPH_OPERATORS];
	ip->tensor_count = fb_vec_len(b, ip->tensors);
	ip->op_count = fb_vec_len(b, ip->operators);
#endif
	/* TFLM reads the last metadata of that name; verify.c checks its contents. */
	for (uint32_t i = 0; i < fb_vec_len(b, meta); i++) {
		if (!ztflm_fields(b, len, fb_vec_table(b, meta, i), ztflm_metadata_fields, at)) {
			return bad("metadata %u is malformed", i);
		}
		const uint32_t name = at[ZTFLM_METADATA_NAME];
		const uint32_t buffer_at = at[ZTFLM_METADATA_BUFFER];
		const uint32_t buffer = buffer_at ? fb_u32(b, buffer_at) : 0u;

		if (buffer >= fb_vec_len(b, ip->buffers)) {
			return bad("metadata %u: buffer %u outside the buffers", i, buffer);
		}
		if (!name || fb_u32(b, name) != sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u ||
		    memcmp(b + name + 4u, ZTFLM_OFFLINE_PLAN_NAME,
			   sizeof(ZTFLM_OFFLINE_PLAN_NAME) - 1u) != 0) {
			continue;
		}
		if (!ztflm_fields(b, len, fb_vec_table(b, ip->buffers, buffer), ztflm_buffer_fields,
				  at)) {
			return bad("buffer %u is malformed", buffer);
		}
		ip->offline_plan = at[ZTFLM_BUFFER_DATA] + 16u;
	}
	return ZTFLM_OK;
}
