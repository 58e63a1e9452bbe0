/* Control flow: a node's tensors meeting a subgraph's inputs or outputs, copied as in TFLM. */
#include <string.h>

#include "ops/subgraph_call.h"

#if ZTFLM_SUBGRAPHS > 1

/* Pair i of the link: the node's tensor and the subgraph's. */
static void pair(struct ztflm_context *ctx, const struct ztflm_sg_link *link, int32_t i,
		 struct ztflm_tensor *node, struct ztflm_tensor *sg)
{
	if (link->node_out) {
		(void)ztflm_get_output(ctx, link->first + i, node);
	} else {
		(void)ztflm_get_input(ctx, link->first + i, node);
	}
	(void)ztflm_subgraph_io(ctx, link->sg, link->sg_out, (uint32_t)i, sg);
}

int ztflm_sg_check(struct ztflm_context *ctx, const struct ztflm_sg_link *link)
{
	const int32_t n = (link->node_out ? ctx->outputs_count : ctx->inputs_count) - link->first;
	struct ztflm_tensor a;
	struct ztflm_tensor b;
	const int count = ztflm_subgraph_io(ctx, link->sg, link->sg_out, 0, &b);

	ZTFLM_CHECK(ctx, count == n, ZTFLM_ERR_MODEL, "has %d %s for the %d %s of subgraph %u",
		    (int)n, link->node_out ? "outputs" : "inputs", count,
		    link->sg_out ? "outputs" : "inputs", link->sg);
	for (int32_t i = 0; i < n; i++) {
		pair(ctx, link, i, &a, &b);
		ZTFLM_CHECK(ctx, a.type == b.type && a.dims_count == b.dims_count, ZTFLM_ERR_MODEL,
			    "%s %d is %s of rank %d, %s %d of subgraph %u %s of rank %d",
			    link->node_out ? "output" : "input", (int)(link->first + i),
			    ztflm_type_name(a.type), (int)a.dims_count,
			    link->sg_out ? "output" : "input", (int)i, link->sg,
			    ztflm_type_name(b.type), (int)b.dims_count);
		for (int32_t d = 0; d < a.dims_count; d++) {
			ZTFLM_CHECK(ctx, a.dims[d] == b.dims[d], ZTFLM_ERR_MODEL,
				    "%s %d has dimension %d of %d, subgraph %u's %s %d has %d",
				    link->node_out ? "output" : "input", (int)(link->first + i),
				    (int)d, (int)a.dims[d], link->sg,
				    link->sg_out ? "output" : "input", (int)i, (int)b.dims[d]);
		}
	}
	return ZTFLM_OK;
}

void ztflm_sg_copy(struct ztflm_context *ctx, const struct ztflm_sg_link *link, bool into_sg)
{
	const int32_t n = (link->node_out ? ctx->outputs_count : ctx->inputs_count) - link->first;
	struct ztflm_tensor a;
	struct ztflm_tensor b;

	for (int32_t i = 0; i < n; i++) {
		pair(ctx, link, i, &a, &b);
		if (a.bytes == 0 || a.data == b.data) {
			continue;
		}
		if (into_sg) {
			memcpy(b.data, a.data, a.bytes);
		} else {
			memcpy(a.data, b.data, a.bytes);
		}
	}
}

bool ztflm_sg_condition(struct ztflm_context *ctx, uint32_t sg)
{
	struct ztflm_tensor t;

	(void)ztflm_subgraph_io(ctx, sg, true, 0, &t);
	return *(const uint8_t *)t.data != 0;
}

#endif /* ZTFLM_SUBGRAPHS > 1 */
