/* What a caller reads of an interpreter: graph inputs and outputs, tensors, nodes, sizes. */
#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

/* The graph's inputs or outputs: how many, once init has located them. */
static uint32_t io_count(const struct ztflm_interpreter *ip, bool output)
{
	return (ip && ip->state >= ZTFLM_STATE_INITIALIZED && ip->state != ZTFLM_STATE_FAILED)
		       ? fb_vec_len(ip->model, output ? ip->graph_outputs : ip->graph_inputs)
		       : 0;
}

#if ZTFLM_SUBGRAPHS > 1
/* Whether init located the model: a subgraph other than the first may have no outputs. */
#define DESCRIBED(ip, first) ztflm_subgraphs_count(ip)
#else
#define DESCRIBED(ip, first) (first)
#endif

uint32_t ztflm_inputs_count(const struct ztflm_interpreter *ip)
{
	return io_count(ip, false);
}

uint32_t ztflm_outputs_count(const struct ztflm_interpreter *ip)
{
	return io_count(ip, true);
}

/* Graph input or output index: a view of its tensor. */
int ztflm_io_view(struct ztflm_interpreter *ip, bool output, uint32_t index,
		  struct ztflm_tensor *t)
{
	const uint32_t count = io_count(ip, output);

	if (!ip || !t || index >= count) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
					    "%s %u does not exist (the model has %u)",
					    output ? "output" : "input", index, count)
			  : ZTFLM_ERR_INVALID_ARG;
	}
	const uint32_t vec = output ? ip->graph_outputs : ip->graph_inputs;

	ztflm_tensor_view(ip, (uint32_t)fb_i32(ip->model, fb_vec_data(vec) + 4u * index), t);
	return ZTFLM_OK;
}

int ztflm_input(struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t)
{
	return ztflm_io_view(ip, false, index, t);
}

int ztflm_output(struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t)
{
	return ztflm_io_view(ip, true, index, t);
}

int ztflm_tensor(struct ztflm_interpreter *ip, uint32_t tensor_index, struct ztflm_tensor *t)
{
	if (!ip || !t || ip->state == ZTFLM_STATE_NONE || ip->state == ZTFLM_STATE_FAILED ||
	    tensor_index >= ip->tensor_count) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
					    "tensor %u does not exist", tensor_index)
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ztflm_tensor_view(ip, tensor_index, t);
	return ZTFLM_OK;
}

int32_t ztflm_zero_point(const struct ztflm_interpreter *ip, uint32_t tensor_index,
			 uint32_t channel)
{
	if (!ip || tensor_index >= ip->tensor_count) {
		return 0;
	}
	return ztflm_tensor_zp(ip, ztflm_tensor_table(ip, tensor_index), channel);
}

uint32_t ztflm_head_bytes(const struct ztflm_interpreter *ip)
{
	return ip ? ip->head_bytes : 0;
}

uint32_t ztflm_tail_bytes(const struct ztflm_interpreter *ip)
{
	return ip ? ip->tail_bytes : 0;
}

uint32_t ztflm_tensors_count(const struct ztflm_interpreter *ip)
{
	return DESCRIBED(ip, ztflm_inputs_count(ip) || ztflm_outputs_count(ip)) ? ip->tensor_count
										 : 0;
}

uint32_t ztflm_nodes_count(const struct ztflm_interpreter *ip)
{
	return DESCRIBED(ip, ztflm_outputs_count(ip)) ? ip->op_count : 0;
}

const char *ztflm_tensor_name(const struct ztflm_interpreter *ip, uint32_t tensor_index)
{
	if (tensor_index >= ztflm_tensors_count(ip)) {
		return "";
	}
	const uint32_t name =
		fb_field_ref(ip->model, ztflm_tensor_table(ip, tensor_index), ZTFLM_TENSOR_NAME);

	/* Verified: a NUL-terminated string inside the model. */
	return name ? (const char *)ip->model + name + 4u : "";
}

int ztflm_node(struct ztflm_interpreter *ip, uint32_t node, int32_t *builtin,
	       const int32_t **inputs, int32_t *inputs_count, const int32_t **outputs,
	       int32_t *outputs_count)
{
	struct ztflm_context ctx;

	if (node >= ztflm_nodes_count(ip)) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1, "node %u does not exist",
					    node)
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ztflm_node_context(ip, node, &ctx);
	*builtin = ctx.op;
	*inputs = ctx.inputs;
	*inputs_count = ctx.inputs_count;
	*outputs = ctx.outputs;
	*outputs_count = ctx.outputs_count;
	return ZTFLM_OK;
}

/* The descriptor of an allocated node that runs, NULL otherwise. */
static const struct ztflm_op *running_op(const struct ztflm_interpreter *ip, uint32_t node)
{
	if (!ip || ip->state != ZTFLM_STATE_ALLOCATED || node >= ip->op_count ||
	    ip->node_op_data[node] >= ZTFLM_NODE_SKIP) {
		return NULL;
	}
	struct ztflm_context ctx;

	ztflm_node_context((struct ztflm_interpreter *)ip, node, &ctx);
	return ctx.desc;
}

const char *ztflm_node_kernel(const struct ztflm_interpreter *ip, uint32_t node)
{
	const struct ztflm_op *op = running_op(ip, node);

	if (!op) {
		return "";
	}
	const uint32_t v = ip->node_op_data[node] & ZTFLM_NODE_VARIANT;

	if (op->prepare != ztflm_op_prepare || v >= op->variants_count || !op->variants[v]->name) {
		return "";
	}
	return op->variants[v]->name;
}

const char *ztflm_node_custom_name(const struct ztflm_interpreter *ip, uint32_t node)
{
	const struct ztflm_op *op = running_op(ip, node);

	return op && op->custom_name ? op->custom_name : "";
}

#if ZTFLM_SUBGRAPHS > 1
uint32_t ztflm_subgraphs_count(const struct ztflm_interpreter *ip)
{
	return ip && ip->state >= ZTFLM_STATE_INITIALIZED && ip->state != ZTFLM_STATE_FAILED
		       ? ip->subgraph_count
		       : 0u;
}

int ztflm_view_subgraph(struct ztflm_interpreter *ip, uint32_t index)
{
	const uint32_t count = ztflm_subgraphs_count(ip);

	if (!ip || index >= count) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
					    "subgraph %u does not exist (the model has %u)", index,
					    count)
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ztflm_subgraph_enter(ip, index);
	return ZTFLM_OK;
}
#endif
