/* The graph's data flow: checked forward (each tensor written once, before it is read), timed. */
#include <ztflm/op.h>

#include "fb.h"
#include "internal.h"

/* A graph input or output whose data is the model's own bytes, named with its tensor. */
static int io_in_model(struct ztflm_interpreter *ip, const char *what, int32_t i, int32_t tensor)
{
	ZTFLM_MSG_ONLY(what);
	ZTFLM_MSG_ONLY(i);
	ZTFLM_MSG_ONLY(tensor);
	/* The name last: a long one is cut, not the rest. */
	return ztflm_error_set(ip, ZTFLM_ERR_MODEL, -1,
			       "model: graph %s %d is a constant (model data): tensor %d '%s'", what,
			       (int)i, (int)tensor, ztflm_tensor_name(ip, (uint32_t)tensor));
}

/*
 * Every tensor read is written earlier, written once (a variable may be written again),
 * never a constant; no graph input or output is a constant. life, each tensor's lifetime
 * (unset, or unplanned for a constant or variable), is filled in on the way.
 */
int ztflm_graph_check(struct ztflm_interpreter *ip, struct ztflm_life *life)
{
	struct ztflm_tensor t;
	int32_t n;
	const int32_t *v = ztflm_int_vector(ip, ip->graph_inputs, &n);

	for (int32_t i = 0; i < n; i++) {
		ztflm_tensor_view(ip, (uint32_t)v[i], &t);
		if (ztflm_type_size(t.type) == 0) {
			return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1,
					       "model: graph input %d has type %s", (int)i,
					       ztflm_type_name(t.type));
		}
		/* The caller writes an input: into the model itself (flash) were it constant. */
		if (t.is_const) {
			return io_in_model(ip, "input", i, v[i]);
		}
		if (life[v[i]].first == ZTFLM_LIFE_UNSET) {
			life[v[i]].first = 0; /* a variable stays unplanned */
		}
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		struct ztflm_context ctx;

		ztflm_node_context(ip, node, &ctx);
		for (int32_t k = 0; k < ctx.inputs_count; k++) {
			const int32_t ti = ctx.inputs[k];

			if (ti < 0) {
				continue;
			}
			if (life[ti].first == ZTFLM_LIFE_UNSET) {
				return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
						       "input %d reads tensor %d, which no earlier "
						       "operator produces",
						       (int)k, (int)ti);
			}
			life[ti].last = (uint16_t)node;
		}
		for (int32_t k = 0; k < ctx.outputs_count; k++) {
			const int32_t to = ctx.outputs[k];

			ztflm_tensor_view(ip, (uint32_t)to, &t);
			if (t.is_const || (life[to].first != ZTFLM_LIFE_UNSET && !t.is_variable)) {
				return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
						       "output %d writes tensor %d, which is %s",
						       (int)k, (int)to,
						       t.is_const ? "constant"
								  : "already written or a graph input");
			}
			if (ztflm_type_size(t.type) == 0) {
				return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, (int32_t)node,
						       "output %d has type %s", (int)k,
						       ztflm_type_name(t.type));
			}
			if (life[to].first == ZTFLM_LIFE_UNSET) {
				life[to].first = (uint16_t)node;
			}
			life[to].last = (uint16_t)node;
		}
	}
	v = ztflm_int_vector(ip, ip->graph_outputs, &n);
	for (int32_t i = 0; i < n; i++) {
		ztflm_tensor_view(ip, (uint32_t)v[i], &t);
		if (t.is_const) {
			return io_in_model(ip, "output", i, v[i]);
		}
		if (life[v[i]].first == ZTFLM_LIFE_UNSET) {
			return ztflm_error_set(ip, ZTFLM_ERR_MODEL, -1,
					       "model: graph output %d (tensor %d) is never produced",
					       (int)i, (int)v[i]);
		}
		life[v[i]].last = (uint16_t)ip->op_count;
	}
	return ZTFLM_OK;
}

/*
 * A node whose output 0 shares input 0's buffer (prepare chose it: ztflm_alias_output) hands
 * that output's uses to the input. Backwards, so a chain of such nodes ends at its first
 * input; the output is left unplanned, and memory_plan.c gives it the input's place.
 */
void ztflm_graph_share(struct ztflm_interpreter *ip, struct ztflm_life *life)
{
	for (uint32_t node = ip->op_count; node-- > 0;) {
		if (!(ip->node_op_data[node] & ZTFLM_NODE_ALIAS)) {
			continue;
		}
		struct ztflm_context ctx;

		ztflm_node_context(ip, node, &ctx);
		struct ztflm_life *in = &life[ctx.inputs[0]];
		struct ztflm_life *out = &life[ctx.outputs[0]];

		/* The input is written before its reader's output: only the end moves. */
		if (out->last > in->last) {
			in->last = out->last;
		}
		out->first = ZTFLM_LIFE_UNPLANNED;
	}
}
