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

/* Subgraph marks of the walk: a call into one being walked is recursion. */
enum { WALK_NEW, WALK_ACTIVE, WALK_DONE };

struct walk {
	struct ztflm_life *all; /* every subgraph's tensors' lifetimes */
	uint32_t now;           /* the step: a node's, nested calls' steps inside it (TFLM's) */
#if ZTFLM_SUBGRAPHS > 1
	uint8_t marks[ZTFLM_SUBGRAPHS];
#endif
};

#if ZTFLM_SUBGRAPHS > 1
static int flow(struct ztflm_interpreter *ip, struct walk *w);

/*
 * The subgraphs node calls, each walked in turn at the next steps, as TFLM's allocation
 * scopes nest them: the caller's inputs and outputs live across them.
 */
static int calls(struct ztflm_interpreter *ip, struct walk *w, uint32_t node)
{
	const uint32_t from = ip->current;
	uint32_t to[2];
	const int n = ztflm_node_calls(ip, node, to);

	for (int k = 0; k < n; k++) {
		if (w->marks[to[k]] == WALK_ACTIVE) {
			return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
					       "model: subgraph %u calls subgraph %u, which is "
					       "running (recursion)",
					       from, to[k]);
		}
		w->now++;
		ztflm_subgraph_enter(ip, to[k]);
		const int rc = flow(ip, w);

		ztflm_subgraph_enter(ip, from);
		if (rc) {
			return rc;
		}
	}
	return n < 0 ? n : ZTFLM_OK;
}
#endif

/*
 * Every tensor read is written earlier, written once (a variable may be written again),
 * never a constant; no graph input or output is a constant. The lifetimes (unset, or
 * unplanned for a constant or variable) are filled in on the way, in steps: a subgraph
 * walked again (called from two places) only lengthens them, as in TFLM.
 */
static int flow(struct ztflm_interpreter *ip, struct walk *w)
{
	struct ztflm_life *life = w->all + ZTFLM_TENSOR_BASE(ip);
	struct ztflm_tensor t;
	int32_t n;
	const int32_t *v = ztflm_int_vector(ip, ip->graph_inputs, &n);
#if ZTFLM_SUBGRAPHS > 1
	const bool again = w->marks[ip->current] == WALK_DONE;

	w->marks[ip->current] = WALK_ACTIVE;
#else
	const bool again = false;
#endif

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
			life[v[i]].first = (uint16_t)w->now; /* a variable stays unplanned */
		}
#if ZTFLM_SUBGRAPHS > 1
		/* A callee's input none of its nodes reads still lives at its start (TFLM). */
		life[v[i]].last = (uint16_t)w->now;
#endif
	}
	for (uint32_t node = 0; node < ip->op_count; node++, w->now++) {
		struct ztflm_context ctx;
		const uint32_t step = w->now;

#if ZTFLM_SUBGRAPHS > 1
		/* Past 65533 steps a lifetime would not fit (ZTFLM_LIFE_UNPLANNED); one
		 * subgraph alone has at most 65534 nodes (verify.c). */
		if (step >= ZTFLM_LIFE_UNPLANNED - 1u) {
			return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, (int32_t)node,
					       "model: more than %u steps with the nested subgraphs",
					       ZTFLM_LIFE_UNPLANNED - 1u);
		}
		const int rc = calls(ip, w, node);

		if (rc) {
			return rc;
		}
		if (ip->node_time) {
			struct ztflm_life *nt = (struct ztflm_life *)(void *)(ip->node_time + node);

			nt->first = again ? nt->first : (uint16_t)step;
			nt->last = (uint16_t)w->now;
		}
#endif
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
			life[ti].last = (uint16_t)w->now;
		}
		for (int32_t k = 0; k < ctx.outputs_count; k++) {
			const int32_t to = ctx.outputs[k];

			ztflm_tensor_view(ip, (uint32_t)to, &t);
			if (t.is_const ||
			    (!again && life[to].first != ZTFLM_LIFE_UNSET && !t.is_variable)) {
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
				life[to].first = (uint16_t)step;
			}
			life[to].last = (uint16_t)w->now;
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
		life[v[i]].last = (uint16_t)w->now;
	}
#if ZTFLM_SUBGRAPHS > 1
	w->marks[ip->current] = WALK_DONE;
#endif
	return ZTFLM_OK;
}

ZTFLM_COLD
int ztflm_graph_check(struct ztflm_interpreter *ip, struct ztflm_life *life)
{
	struct walk w = {.all = life};

	return flow(ip, &w);
}

/*
 * A node whose output 0 shares input 0's buffer (prepare chose it: ztflm_alias_output) hands
 * that output's uses to the input. Backwards, so a chain of such nodes ends at its first
 * input; the output is left unplanned, and memory_plan.c gives it the input's place.
 */
ZTFLM_COLD
void ztflm_graph_share(struct ztflm_interpreter *ip, struct ztflm_life *all)
{
	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		struct ztflm_life *life = all + ZTFLM_TENSOR_BASE(ip);

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
	ztflm_subgraph_enter(ip, 0);
}
