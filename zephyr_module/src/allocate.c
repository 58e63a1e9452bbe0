/* Allocate: tail tables and variables, every node prepared, the head planned. */
#include <string.h>

#include <ztflm/op.h>

#include "internal.h"

/*
 * The tail tables, from the bottom: node_scratch, node_op_data, one word per tensor (its
 * lifetime while allocating, then its location: tensor_loc); then the variable tensors in
 * one block, each 8-byte aligned in tensor order from its top (memory_plan.c gives each its
 * place; ztflm_reset zeroes them). Every lifetime starts unset, a constant's or variable's
 * unplanned.
 */
static int place_persistent(struct ztflm_interpreter *ip, struct ztflm_life **life)
{
	const uint32_t ops = ztflm_op_total(ip);
	const uint32_t scratch_bytes = ztflm_align_up(2u * (ops + 1u), 4u);
	uint8_t *p = ztflm_tail_alloc(ip, scratch_bytes + 4u * ops + 4u * ztflm_tensor_total(ip),
				      4u);
	struct ztflm_tensor t;
	uint32_t variables = 0;

	if (!p) {
		return ztflm_error_arena(ip, ip->tail_bytes, false);
	}
	ip->node_scratch = (uint16_t *)(void *)p;
	ip->node_op_data = (uint32_t *)(void *)(p + scratch_bytes);
	union ztflm_tensor_word *w = (void *)(ip->node_op_data + ops);

	*life = &w[0].life;
	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		struct ztflm_life *l = *life + ZTFLM_TENSOR_BASE(ip);

		for (uint32_t i = 0; i < ip->tensor_count; i++) {
			ztflm_tensor_view(ip, i, &t);
			l[i].first = ZTFLM_LIFE_UNPLANNED;
			if (t.is_variable) {
				/* Verified: each under 2^30 bytes; tail_alloc refuses a sum that
				 * large. */
				variables += ztflm_align_up(t.bytes, 8u);
				variables = variables > ZTFLM_MAX_SIZE ? ZTFLM_MAX_SIZE + 1u
								       : variables;
			} else if (!t.is_const) {
				l[i].first = ZTFLM_LIFE_UNSET;
			}
		}
	}
	ztflm_subgraph_enter(ip, 0);
#if ZTFLM_SUBGRAPHS > 1
	/* Each node's steps, for its scratch buffers' lifetimes (graph.c), when calls nest. */
	if (ip->subgraph_count > 1u) {
		ip->node_time = ztflm_tail_alloc(ip, 4u * ops, 4u);
		if (!ip->node_time) {
			return ztflm_error_arena(ip, ip->tail_bytes, false);
		}
	}
	const int rc = ztflm_resources_place(ip);

	if (rc) {
		return rc;
	}
#endif
	if (variables) {
		uint8_t *v = ztflm_tail_alloc(ip, variables, 8u);

		if (!v) {
			return ztflm_error_arena(ip, ip->tail_bytes, false);
		}
		ip->variables = (uint32_t)(v - ip->arena->base) + variables;
	}
	return ZTFLM_OK;
}

/*
 * Whether a node has nothing to write: every output has zero elements. Its eval is skipped
 * (ZTFLM_NODE_SKIP), which leaves the same (empty) outputs and saves the outer loops a
 * hostile shape such as [8388608, 14, 2, 0] would otherwise run for nothing. A stateful
 * operator (one with a reset) always runs: its state moves on.
 */
static bool writes_nothing(const struct ztflm_context *ctx)
{
	struct ztflm_tensor t;

	if (ctx->desc->reset) {
		return false;
	}
	for (int32_t i = 0; i < ctx->outputs_count; i++) {
		ztflm_tensor_view(ctx->ip, (uint32_t)ctx->outputs[i], &t);
		if (t.elements != 0) {
			return false;
		}
	}
	return ctx->outputs_count > 0;
}

static int prepare_nodes(struct ztflm_interpreter *ip)
{
	/* Scratch sizes wait at the arena base until the plan (memory_plan.c). */
	ip->scratch_tmp = (uint32_t *)(void *)ip->arena->base;
	/* Every subgraph in order, as TFLM: each one's node_scratch ends where the next starts. */
	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		for (uint32_t node = 0; node < ip->op_count; node++) {
			struct ztflm_context ctx;

			ztflm_node_context(ip, node, &ctx);
			ctx.preparing = true;
			ip->node_scratch[node] = (uint16_t)ip->scratch_count;
			const int rc = ctx.desc->prepare(&ctx);

			if (rc) {
				if (ip->error.code == ZTFLM_OK) {
					ztflm_error_set(ip, rc, (int32_t)node, "prepare failed");
				}
				return rc;
			}
			ip->node_op_data[node] |=
				writes_nothing(&ctx) ? ZTFLM_NODE_SKIP : ctx.variant;
		}
		ip->node_scratch[ip->op_count] = (uint16_t)ip->scratch_count;
	}
	ztflm_subgraph_enter(ip, 0);
	return ZTFLM_OK;
}

/* Give back this interpreter's tail when init or allocate fails, so the arena stays usable. */
int ztflm_undo(struct ztflm_interpreter *ip, int rc)
{
	ip->arena->tail_used = ip->tail_mark;
	ip->state = ZTFLM_STATE_FAILED;
	return rc;
}

ZTFLM_COLD
int ztflm_allocate(struct ztflm_interpreter *ip)
{
	struct ztflm_life *life = NULL;
	int rc;

	if (!ip || ip->state != ZTFLM_STATE_INITIALIZED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1,
					    "allocate needs a freshly initialised interpreter")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	if (ip->arena->tail_used != ip->tail_mark + ip->tail_bytes) {
		return ztflm_error_set(ip, ZTFLM_ERR_STATE, -1,
				       "another interpreter allocated from this arena since init: "
				       "allocate each one right after its init");
	}
	rc = place_persistent(ip, &life);
	if (!rc) {
		rc = ztflm_graph_check(ip, life);
	}
	if (!rc) {
		rc = prepare_nodes(ip);
	}
#if ZTFLM_SUBGRAPHS > 1
	if (!rc) {
		rc = ztflm_resources_check(ip);
	}
#endif
	if (!rc) {
		ztflm_graph_share(ip, life);
		rc = ztflm_plan_memory(ip, life);
	}
	if (rc) {
		return ztflm_undo(ip, rc);
	}
	ip->state = ZTFLM_STATE_ALLOCATED;
	ip->error.code = ZTFLM_OK;
	ip->error.message[0] = '\0';
	return ztflm_reset(ip);
}
