/* The arena's head: planned tensors and scratch buffers placed by their lifetimes (planner.h). */
#include <string.h>

#include <ztflm/planner.h>

#include "fb.h"
#include "internal.h"

/*
 * The plan list: one entry per tensor with a lifetime (a place of its own in the head, and
 * used), in tensor order, then the scratch buffers.
 */
static void plan_list(struct ztflm_interpreter *ip, const struct ztflm_life *all,
		      struct ztflm_plan_buffer *pb, uint32_t entries)
{
	struct ztflm_tensor t;
	uint32_t k = 0;

	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		const struct ztflm_life *life = all + ZTFLM_TENSOR_BASE(ip);

		for (uint32_t i = 0; i < ip->tensor_count; i++) {
			if (life[i].first >= ZTFLM_LIFE_UNPLANNED) {
				continue;
			}
			struct ztflm_plan_buffer *b = &pb[k++];
			const int32_t off = ip->offline_plan
						    ? fb_i32(ip->model, ip->offline_plan + 4u * i)
						    : -1;

			ztflm_tensor_view(ip, i, &t);
			b->align = ztflm_type_size(t.type) > 4u ? 8u : 4u;
			b->size = ztflm_align_up(t.bytes, b->align);
			b->first = life[i].first;
			b->last = life[i].last;
			b->offset = off >= 0 ? (uint32_t)off : ZTFLM_PLAN_UNPLACED;
		}
		for (uint32_t node = 0; node < ip->op_count; node++) {
			const uint16_t *ns = &ip->node_scratch[node];

			for (uint32_t s = ns[0]; s < ns[1]; s++) {
				struct ztflm_plan_buffer *b = &pb[entries + s];

				b->size = ztflm_align_up(ip->scratch_loc[s], 4u);
				b->align = 4u;
				b->first = (int32_t)node;
				b->last = (int32_t)node;
#if ZTFLM_SUBGRAPHS > 1
				/* The node's steps, with the subgraphs it calls (graph.c). */
				if (ip->node_time) {
					const struct ztflm_life *nt =
						(const struct ztflm_life *)(void *)(ip->node_time +
										    node);

					b->first = nt->first;
					b->last = nt->last;
				}
#endif
				b->offset = ZTFLM_PLAN_UNPLACED;
			}
		}
	}
	ztflm_subgraph_enter(ip, 0);
}

/*
 * Turns the lifetimes into locations, in the same words: each tensor's lifetime is read
 * before its location is written there. A shared output takes its input's location, in
 * node order so that a chain of them resolves.
 */
static void locate_tensors(struct ztflm_interpreter *ip, union ztflm_tensor_word *all,
			   const struct ztflm_plan_buffer *pb)
{
	struct ztflm_tensor t;
	uint32_t var = ip->variables;
	uint32_t k = 0;

	for (uint32_t sg = 0; sg < ZTFLM_SUBGRAPH_COUNT(ip); sg++) {
		ztflm_subgraph_enter(ip, sg);
		union ztflm_tensor_word *w = all + ZTFLM_TENSOR_BASE(ip);

		for (uint32_t i = 0; i < ip->tensor_count; i++) {
			const bool entry = w[i].life.first < ZTFLM_LIFE_UNPLANNED;

			ztflm_tensor_view(ip, i, &t);
			w[i].loc = ZTFLM_LOC_NONE;
			if (entry) {
				w[i].loc = pb[k++].offset;
			} else if (t.is_const) {
				w[i].loc = ZTFLM_LOC_CONST |
					   (uint32_t)((const uint8_t *)t.data - ip->model);
			} else if (t.is_variable) {
				var -= ztflm_align_up(t.bytes, 8u);
				w[i].loc = var;
			}
		}
		for (uint32_t node = 0; node < ip->op_count; node++) {
			if (ip->node_op_data[node] & ZTFLM_NODE_ALIAS) {
				struct ztflm_context ctx;

				ztflm_node_context(ip, node, &ctx);
				w[ctx.outputs[0]].loc = w[ctx.inputs[0]].loc;
			}
		}
	}
	ztflm_subgraph_enter(ip, 0);
	ip->tensor_loc = &all[0].loc;
}

ZTFLM_COLD
int ztflm_plan_memory(struct ztflm_interpreter *ip, struct ztflm_life *life)
{
	struct ztflm_arena *a = ip->arena;
	const uint32_t S = ip->scratch_count;
	uint32_t entries = 0;

	for (uint32_t i = 0; i < ztflm_tensor_total(ip); i++) {
		entries += life[i].first < ZTFLM_LIFE_UNPLANNED;
	}

	ip->scratch_loc = ztflm_tail_alloc(ip, 4u * S, 4u);
	if (!ip->scratch_loc && S) {
		return ztflm_error_arena(ip, a->head_used + ip->tail_bytes + ip->tail_mark, false);
	}
	/* scratch_tmp lies at the arena base, below the tail: copy before the plan reuses it. */
	memmove(ip->scratch_loc, ip->scratch_tmp, 4u * S);
	ip->scratch_tmp = NULL;

	const uint32_t count = entries + S;
	const uint32_t list = ztflm_align_up(count * (uint32_t)sizeof(struct ztflm_plan_buffer), 8u);
	/* The planner works in the head, so the head must hold its working memory too. */
	const uint32_t work = ztflm_align_up(list + ztflm_plan_scratch_bytes(count), 8u);
	const uint32_t tail = ztflm_align_up(a->tail_used, 8u);

	if (work > a->size - a->tail_used) {
		const uint32_t head = work > a->head_used ? work : a->head_used;

		return ztflm_error_arena(ip, head + tail, false);
	}
	struct ztflm_plan_buffer *pb = (struct ztflm_plan_buffer *)(void *)a->base;

	plan_list(ip, life, pb, entries);
	const uint32_t high = ztflm_plan(pb, count, a->base + list);

	/* Tensor locations hold offsets below 2^30 (ZTFLM_LOC_MASK): no arena is larger. */
	if (high > ZTFLM_MAX_SIZE) {
		return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1,
				       "activations need more than %u bytes at once, the most an "
				       "arena holds",
				       ZTFLM_MAX_SIZE);
	}
	const uint32_t planned_head = ztflm_align_up(high, 8u);

	ip->head_bytes = planned_head > work ? planned_head : work;
	const uint32_t shared_head = ip->head_bytes > a->head_used ? ip->head_bytes : a->head_used;

	if (shared_head > a->size - a->tail_used) {
		return ztflm_error_arena(ip, shared_head + tail, true);
	}
	/* The plan entries live in the head: read them out before anything else writes there. */
	for (uint32_t s = 0; s < S; s++) {
		ip->scratch_loc[s] = pb[entries + s].offset;
	}
	/* The lifetimes were a view of the tail's tensor words (allocate.c). */
	locate_tensors(ip, (union ztflm_tensor_word *)(void *)life, pb);
	a->head_used = shared_head;
	return ZTFLM_OK;
}
