/* The interpreter: init (verify, resolve), allocate (prepare, plan), invoke, reset and I/O views. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/planner.h>
#include <ztflm/port.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

#define NO_KERNEL 0xFFFFu

static const struct ztflm_op *node_op(const struct ztflm_interpreter *ip, uint32_t opcode)
{
	return ip->resolver->ops[ip->opcode_kernel[opcode]].op;
}

/*
 * Per node, one word in the tail: twice its op data's distance from the arena end (0: none; a
 * multiple of 16, ztflm_alloc_op_data) plus the compute variant prepare chose (below 16), or
 * NODE_SKIP.
 */
#define NODE_SKIP 0xFFFFFFFFu
#define NODE_VARIANT_MASK 15u

/* The op data a node's word locates, NULL for none. */
static void *node_params(const struct ztflm_interpreter *ip, uint32_t info)
{
	return info > NODE_VARIANT_MASK
		       ? ip->arena->base + ip->arena->size - ((info & ~NODE_VARIANT_MASK) >> 1)
		       : NULL;
}

/* The node as its kernel sees it; after init, when every opcode has its operator. */
static void context_for(struct ztflm_interpreter *ip, uint32_t node, struct ztflm_context *ctx)
{
	const uint32_t op_table = ztflm_operator_table(ip, node);
	const uint32_t opcode = ztflm_operator_opcode(ip, op_table);

	memset(ctx, 0, sizeof(*ctx));
	ctx->ip = ip;
	ctx->node = (int32_t)node;
	ctx->op = ztflm_opcode_builtin(ip, opcode);
	ctx->desc = node_op(ip, opcode);
	ztflm_node_io(ip, op_table, ctx);
}

/* Give back this interpreter's tail when init or allocate fails, so the arena stays usable. */
static int undo(struct ztflm_interpreter *ip, int rc)
{
	ip->arena->tail_used = ip->tail_mark;
	ip->state = ZTFLM_STATE_FAILED;
	return rc;
}

static int resolve(struct ztflm_interpreter *ip)
{
	const uint8_t *b = ip->model;

	ip->opcode_kernel = ztflm_tail_alloc(ip, 2u * ip->opcode_count, 4u);
	if (!ip->opcode_kernel && ip->opcode_count) {
		ztflm_error_set(ip, ZTFLM_ERR_ARENA, -1, "arena too small: needs at least %u bytes",
				ip->arena->pad + ip->tail_bytes);
		ip->error.needed = ip->arena->pad + ip->tail_bytes;
		return ZTFLM_ERR_ARENA;
	}
	for (uint32_t i = 0; i < ip->opcode_count; i++) {
		ip->opcode_kernel[i] = NO_KERNEL;
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		const uint32_t opcode = ztflm_operator_opcode(ip, ztflm_operator_table(ip, node));

		if (ip->opcode_kernel[opcode] != NO_KERNEL) {
			continue;
		}
		const int32_t code = ztflm_opcode_builtin(ip, opcode);
		const uint32_t oc = fb_vec_table(b, ip->opcodes, opcode);
		const uint32_t name = fb_field_ref(b, oc, ZTFLM_OPCODE_CUSTOM_CODE);
		const char *custom = name ? (const char *)b + name + 4u : NULL;
		const uint32_t custom_len = name ? fb_u32(b, name) : 0u;
		const int32_t k = ztflm_resolve_index(ip->resolver, code, custom, custom_len);

		if (k < 0 || k >= (int32_t)NO_KERNEL) {
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
		ip->opcode_kernel[opcode] = (uint16_t)k;
	}
	return ZTFLM_OK;
}

int ztflm_init(struct ztflm_interpreter *ip, const void *model, size_t model_size,
	       const struct ztflm_op_resolver *resolver, struct ztflm_arena *arena)
{
	int rc;

	if (!ip) {
		return ZTFLM_ERR_INVALID_ARG;
	}
	memset(ip, 0, sizeof(*ip));
	ip->error.node = -1;
	ip->error.op = -1;
	if (!model || !resolver || !arena || !arena->base) {
		return ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
				       "model, resolver and arena are required");
	}
	if ((uintptr_t)model % 4u) {
		return ztflm_error_set(ip, ZTFLM_ERR_INVALID_ARG, -1,
				       "model must be 4-byte aligned in memory");
	}
	if (model_size > ZTFLM_MAX_SIZE) {
		return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1, "model of %u bytes is too large",
				       (uint32_t)(model_size > 0xFFFFFFFFu ? 0xFFFFFFFFu : model_size));
	}
	ip->model = model;
	ip->model_size = (uint32_t)model_size;
	ip->resolver = resolver;
	ip->arena = arena;
	ip->tail_mark = arena->tail_used;
	rc = ztflm_verify(ip);
	if (!rc) {
		rc = resolve(ip);
	}
	if (rc) {
		return undo(ip, rc);
	}
	ip->state = ZTFLM_STATE_INITIALIZED;
	return ZTFLM_OK;
}

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
 * Data flows forward: every tensor read is produced earlier, written once, never constant;
 * no graph input or output is constant.
 */
static int check_graph(struct ztflm_interpreter *ip)
{
	const uint32_t unset = ZTFLM_LOC_NONE;
	const uint32_t given = ZTFLM_LOC_NONE - 1u; /* graph input or variable */
	const uint32_t constant = ZTFLM_LOC_NONE - 2u;
	uint32_t *producer = ip->tensor_loc;
	struct ztflm_tensor t;
	int32_t n;
	const int32_t *v = ztflm_int_vector(ip, ip->graph_inputs, &n);

	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		ztflm_tensor_view(ip, i, &t);
		producer[i] = t.is_const ? constant : t.is_variable ? given : unset;
	}
	for (int32_t i = 0; i < n; i++) {
		ztflm_tensor_view(ip, (uint32_t)v[i], &t);
		if (ztflm_type_size(t.type) == 0) {
			return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1,
					       "model: graph input %d has type %s", (int)i,
					       ztflm_type_name(t.type));
		}
		/* The caller writes an input: into the model itself (flash) were it constant. */
		if (producer[v[i]] == constant) {
			return io_in_model(ip, "input", i, v[i]);
		}
		producer[v[i]] = given;
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		struct ztflm_context ctx;

		context_for(ip, node, &ctx);
		for (int32_t k = 0; k < ctx.inputs_count; k++) {
			const int32_t ti = ctx.inputs[k];

			if (ti >= 0 && producer[ti] == unset) {
				return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
						       "input %d reads tensor %d, which no earlier "
						       "operator produces",
						       (int)k, (int)ti);
			}
		}
		for (int32_t k = 0; k < ctx.outputs_count; k++) {
			const int32_t to = ctx.outputs[k];

			ztflm_tensor_view(ip, (uint32_t)to, &t);
			if (t.is_const || (producer[to] != unset && !t.is_variable)) {
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
			producer[to] = node;
		}
	}
	v = ztflm_int_vector(ip, ip->graph_outputs, &n);
	for (int32_t i = 0; i < n; i++) {
		if (producer[v[i]] == constant) {
			return io_in_model(ip, "output", i, v[i]);
		}
		if (producer[v[i]] == unset) {
			return ztflm_error_set(ip, ZTFLM_ERR_MODEL, -1,
					       "model: graph output %d (tensor %d) is never produced",
					       (int)i, (int)v[i]);
		}
	}
	return ZTFLM_OK;
}

static int arena_short(struct ztflm_interpreter *ip, uint32_t needed, bool exact)
{
	ZTFLM_MSG_ONLY(exact);
	ztflm_error_set(ip, ZTFLM_ERR_ARENA, -1,
			exact ? "arena too small: needs %u bytes, has %u"
			      : "arena too small: needs at least %u bytes, has %u",
			needed, ip->arena->pad + ip->arena->size);
	ip->error.needed = needed;
	return ZTFLM_ERR_ARENA;
}

/* Tail tables, constant and variable tensor locations. */
static int place_persistent(struct ztflm_interpreter *ip)
{
	struct ztflm_tensor t;

	/* One block, from the bottom: node_scratch, node_op_data, tensor_loc. */
	const uint32_t scratch_bytes = ztflm_align_up(2u * (ip->op_count + 1u), 4u);
	uint8_t *p = ztflm_tail_alloc(
		ip, scratch_bytes + 4u * ip->op_count + 4u * ip->tensor_count, 4u);

	if (!p) {
		return arena_short(ip, ip->arena->pad + ip->tail_bytes, false);
	}
	ip->node_scratch = (uint16_t *)(void *)p;
	ip->node_op_data = (uint32_t *)(void *)(p + scratch_bytes);
	ip->tensor_loc = ip->node_op_data + ip->op_count;
	int rc = check_graph(ip);

	if (rc) {
		return rc;
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		ip->tensor_loc[i] = ZTFLM_LOC_NONE;
		ztflm_tensor_view(ip, i, &t);
		if (t.is_const) {
			ip->tensor_loc[i] = ZTFLM_LOC_CONST | (uint32_t)((const uint8_t *)t.data - ip->model);
		} else if (t.is_variable) {
			void *v = ztflm_tail_alloc(ip, t.bytes, 8u);

			if (!v) {
				return arena_short(ip, ip->arena->pad + ip->tail_bytes, false);
			}
			ip->tensor_loc[i] = (uint32_t)((uint8_t *)v - ip->arena->base);
		}
	}
	return ZTFLM_OK;
}

/*
 * Whether a node has nothing to write: every output has zero elements. Its eval is skipped
 * (marked NODE_SKIP in node_op_data at allocate), which leaves the same (empty) outputs and
 * saves the outer loops a hostile shape such as [8388608, 14, 2, 0] would otherwise run for
 * nothing. A stateful operator (one with a reset) always runs: its state moves on.
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
	ip->scratch_tmp = (uint32_t *)(void *)ip->arena->base;
	for (uint32_t node = 0; node < ip->op_count; node++) {
		struct ztflm_context ctx;

		context_for(ip, node, &ctx);
		ctx.preparing = true;
		ip->node_scratch[node] = (uint16_t)ip->scratch_count;
		const int rc = ctx.desc->prepare(&ctx);

		if (rc) {
			if (ip->error.code == ZTFLM_OK) {
				ztflm_error_set(ip, rc, (int32_t)node, "prepare failed");
			}
			return rc;
		}
		ip->node_op_data[node] =
			writes_nothing(&ctx) ? NODE_SKIP : ip->node_op_data[node] | ctx.variant;
	}
	ip->node_scratch[ip->op_count] = (uint16_t)ip->scratch_count;
	return ZTFLM_OK;
}

static uint32_t root_of(const struct ztflm_interpreter *ip, uint32_t t)
{
	/* Alias chains only point to earlier producers, so this ends. */
	for (uint32_t hops = 0; hops <= ip->tensor_count; hops++) {
		const uint32_t loc = ip->tensor_loc[t];

		if (loc == ZTFLM_LOC_NONE || !(loc & ZTFLM_LOC_ALIAS) || (loc & ZTFLM_LOC_CONST)) {
			return t;
		}
		t = loc & ZTFLM_LOC_MASK;
	}
	return t;
}

static void use(struct ztflm_plan_buffer *b, int32_t when)
{
	if (when < b->first) {
		b->first = when;
	}
	if (when > b->last) {
		b->last = when;
	}
}

/* While planning, a tensor to plan holds its entry number in tensor_loc. */
#define LOC_ENTRY (ZTFLM_LOC_CONST | ZTFLM_LOC_ALIAS)

static bool is_entry(uint32_t loc)
{
	return loc != ZTFLM_LOC_NONE && (loc & LOC_ENTRY) == LOC_ENTRY;
}

/* The plan entry of tensor t (through aliases), or NULL when it is not planned. */
static struct ztflm_plan_buffer *entry_of(const struct ztflm_interpreter *ip,
					  struct ztflm_plan_buffer *pb, uint32_t t)
{
	const uint32_t loc = ip->tensor_loc[root_of(ip, t)];

	return is_entry(loc) ? &pb[loc & ZTFLM_LOC_MASK] : NULL;
}

static void use_tensor(const struct ztflm_interpreter *ip, struct ztflm_plan_buffer *pb, int32_t t,
		       int32_t when)
{
	struct ztflm_plan_buffer *b = t >= 0 ? entry_of(ip, pb, (uint32_t)t) : NULL;

	if (b) {
		use(b, when);
	}
}

/* Number the tensors to plan: neither constant, variable nor alias. */
static uint32_t number_entries(struct ztflm_interpreter *ip)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		if (ip->tensor_loc[i] == ZTFLM_LOC_NONE) {
			ip->tensor_loc[i] = LOC_ENTRY | n++;
		}
	}
	return n;
}

/* Sizes and lifetimes of every planned tensor and scratch buffer (after the tensors). */
static void lifetimes(struct ztflm_interpreter *ip, struct ztflm_plan_buffer *pb, uint32_t entries)
{
	struct ztflm_tensor t;
	int32_t n;
	const int32_t *v;

	for (uint32_t i = 0; i < entries + ip->scratch_count; i++) {
		pb[i].size = 0;
		pb[i].align = 4u;
		pb[i].first = INT32_MAX;
		pb[i].last = -1;
		pb[i].offset = ZTFLM_PLAN_UNPLACED;
	}
	v = ztflm_int_vector(ip, ip->graph_inputs, &n);
	for (int32_t i = 0; i < n; i++) {
		use_tensor(ip, pb, v[i], 0);
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		struct ztflm_context ctx;

		context_for(ip, node, &ctx);
		for (int32_t k = 0; k < ctx.inputs_count; k++) {
			use_tensor(ip, pb, ctx.inputs[k], (int32_t)node);
		}
		for (int32_t k = 0; k < ctx.outputs_count; k++) {
			use_tensor(ip, pb, ctx.outputs[k], (int32_t)node);
		}
		for (uint32_t s = ip->node_scratch[node]; s < ip->node_scratch[node + 1u]; s++) {
			pb[entries + s].size = ztflm_align_up(ip->scratch_loc[s], 4u);
			pb[entries + s].first = (int32_t)node;
			pb[entries + s].last = (int32_t)node;
		}
	}
	v = ztflm_int_vector(ip, ip->graph_outputs, &n);
	for (int32_t i = 0; i < n; i++) {
		use_tensor(ip, pb, v[i], (int32_t)ip->op_count);
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		if (!is_entry(ip->tensor_loc[i])) {
			continue;
		}
		struct ztflm_plan_buffer *b = &pb[ip->tensor_loc[i] & ZTFLM_LOC_MASK];

		if (b->last < 0) {
			b->first = 0; /* never used: takes no memory */
			continue;
		}
		ztflm_tensor_view(ip, i, &t);
		b->align = ztflm_type_size(t.type) > 4u ? 8u : 4u;
		b->size = ztflm_align_up(t.bytes, b->align);
		if (ip->offline_plan) {
			const int32_t off = fb_i32(ip->model, ip->offline_plan + 4u * i);

			if (off >= 0) {
				b->offset = (uint32_t)off;
			}
		}
	}
}

static int plan(struct ztflm_interpreter *ip)
{
	struct ztflm_arena *a = ip->arena;
	const uint32_t S = ip->scratch_count;

	ip->scratch_loc = ztflm_tail_alloc(ip, 4u * S, 4u);
	if (!ip->scratch_loc && S) {
		return arena_short(ip, a->pad + a->head_used + ip->tail_bytes + ip->tail_mark, false);
	}
	/* scratch_tmp lies at the arena base, below the tail: copy before the plan reuses it. */
	memmove(ip->scratch_loc, ip->scratch_tmp, 4u * S);
	ip->scratch_tmp = NULL;

	const uint32_t entries = number_entries(ip);
	const uint32_t count = entries + S;
	const uint32_t list = ztflm_align_up(count * (uint32_t)sizeof(struct ztflm_plan_buffer), 8u);
	/* The planner works in the head, so the head must hold its working memory too. */
	const uint32_t work = ztflm_align_up(list + ztflm_plan_scratch_bytes(count), 8u);
	const uint32_t tail = ztflm_align_up(a->tail_used, 8u);

	if (work > a->size - a->tail_used) {
		const uint32_t head = work > a->head_used ? work : a->head_used;

		return arena_short(ip, a->pad + head + tail, false);
	}
	struct ztflm_plan_buffer *pb = (struct ztflm_plan_buffer *)(void *)a->base;

	lifetimes(ip, pb, entries);
	const uint32_t high = ztflm_plan(pb, count, a->base + list);

	/* Tensor locations hold offsets below 2^30 (the LOC flags above): no arena is larger. */
	if (high > ZTFLM_MAX_SIZE) {
		return ztflm_error_set(ip, ZTFLM_ERR_UNSUPPORTED, -1,
				       "activations need more than %u bytes at once, the most an "
				       "arena holds",
				       ZTFLM_MAX_SIZE);
	}
	const uint32_t planned = ztflm_align_up(high, 8u);

	ip->head_bytes = planned > work ? planned : work;
	const uint32_t shared_head = ip->head_bytes > a->head_used ? ip->head_bytes : a->head_used;

	if (shared_head > a->size - a->tail_used) {
		return arena_short(ip, a->pad + shared_head + tail, true);
	}
	/* The plan entries live in the head: read them out before anything else writes there. */
	for (uint32_t s = 0; s < S; s++) {
		ip->scratch_loc[s] = pb[entries + s].offset;
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		if (is_entry(ip->tensor_loc[i])) {
			const struct ztflm_plan_buffer *b = &pb[ip->tensor_loc[i] & ZTFLM_LOC_MASK];

			ip->tensor_loc[i] = b->last >= 0 ? b->offset : ZTFLM_LOC_NONE;
		}
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		if (ip->tensor_loc[i] != ZTFLM_LOC_NONE && (ip->tensor_loc[i] & ZTFLM_LOC_ALIAS) &&
		    !(ip->tensor_loc[i] & ZTFLM_LOC_CONST)) {
			ip->tensor_loc[i] = ip->tensor_loc[root_of(ip, i)];
		}
	}
	a->head_used = shared_head;
	return ZTFLM_OK;
}

int ztflm_allocate(struct ztflm_interpreter *ip)
{
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
	rc = place_persistent(ip);
	if (!rc) {
		rc = prepare_nodes(ip);
	}
	if (!rc) {
		rc = plan(ip);
	}
	if (rc) {
		return undo(ip, rc);
	}
	ip->state = ZTFLM_STATE_ALLOCATED;
	ip->error.code = ZTFLM_OK;
	ip->error.message[0] = '\0';
	return ztflm_reset(ip);
}

int ztflm_invoke(struct ztflm_interpreter *ip)
{
	if (!ip || ip->state != ZTFLM_STATE_ALLOCATED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "invoke before allocate")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		if (ip->node_op_data[node] == NODE_SKIP) {
			continue;
		}
		struct ztflm_context ctx;
		const uint32_t info = ip->node_op_data[node];

		context_for(ip, node, &ctx);
		ctx.variant = (uint8_t)(info & NODE_VARIANT_MASK);
		ctx.op_data = node_params(ip, info);
#if ZTFLM_PROFILER
		const uint32_t start = ip->profile ? ztflm_port_cycles() : 0u;
#endif
		const int rc = ctx.desc->eval(&ctx);

#if ZTFLM_PROFILER
		if (ip->profile) {
			ip->profile(ip->profile_user, node, ctx.op, ztflm_port_cycles() - start);
		}
#endif
		if (rc) {
			if (ip->error.code == ZTFLM_OK) {
				ztflm_error_set(ip, rc, (int32_t)node, "eval failed");
			}
			return rc;
		}
	}
	return ZTFLM_OK;
}

#if ZTFLM_PROFILER
int ztflm_set_profiler(struct ztflm_interpreter *ip, ztflm_profile_fn fn, void *user)
{
	if (!ip || ip->state < ZTFLM_STATE_INITIALIZED || ip->state == ZTFLM_STATE_FAILED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "profiler set before init")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	ip->profile = fn;
	ip->profile_user = user;
	return ZTFLM_OK;
}
#endif

int ztflm_reset(struct ztflm_interpreter *ip)
{
	struct ztflm_tensor t;

	if (!ip || ip->state != ZTFLM_STATE_ALLOCATED) {
		return ip ? ztflm_error_set(ip, ZTFLM_ERR_STATE, -1, "reset before allocate")
			  : ZTFLM_ERR_INVALID_ARG;
	}
	for (uint32_t node = 0; node < ip->op_count; node++) {
		const struct ztflm_op *op =
			node_op(ip, ztflm_operator_opcode(ip, ztflm_operator_table(ip, node)));
		const uint32_t info = ip->node_op_data[node];

		/* A stateful operator keeps its state in its op data (never a skipped node). */
		if (op->reset && info != NODE_SKIP && info > NODE_VARIANT_MASK) {
			op->reset(node_params(ip, info));
		}
	}
	for (uint32_t i = 0; i < ip->tensor_count; i++) {
		ztflm_tensor_view(ip, i, &t);
		/* TFLM's ResetVariableTensor: int8 to the zero point, everything else to 0. */
		if (t.is_variable && t.data) {
			memset(t.data, t.type == ZTFLM_INT8 ? t.zero_point : 0, t.bytes);
		}
	}
	return ZTFLM_OK;
}

uint32_t ztflm_inputs_count(const struct ztflm_interpreter *ip)
{
	return (ip && ip->state >= ZTFLM_STATE_INITIALIZED && ip->state != ZTFLM_STATE_FAILED)
		       ? fb_vec_len(ip->model, ip->graph_inputs)
		       : 0;
}

uint32_t ztflm_outputs_count(const struct ztflm_interpreter *ip)
{
	return (ip && ip->state >= ZTFLM_STATE_INITIALIZED && ip->state != ZTFLM_STATE_FAILED)
		       ? fb_vec_len(ip->model, ip->graph_outputs)
		       : 0;
}

/* Graph input or output index: a view of its tensor. */
static int io_view(struct ztflm_interpreter *ip, bool output, uint32_t index,
		   struct ztflm_tensor *t)
{
	const uint32_t count = output ? ztflm_outputs_count(ip) : ztflm_inputs_count(ip);

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
	return io_view(ip, false, index, t);
}

int ztflm_output(struct ztflm_interpreter *ip, uint32_t index, struct ztflm_tensor *t)
{
	return io_view(ip, true, index, t);
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
	return ztflm_inputs_count(ip) || ztflm_outputs_count(ip) ? ip->tensor_count : 0;
}

uint32_t ztflm_nodes_count(const struct ztflm_interpreter *ip)
{
	return ztflm_outputs_count(ip) ? ip->op_count : 0;
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
	context_for(ip, node, &ctx);
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
	    ip->node_op_data[node] == NODE_SKIP) {
		return NULL;
	}
	struct ztflm_context ctx;

	context_for((struct ztflm_interpreter *)ip, node, &ctx);
	return ctx.desc;
}

const char *ztflm_node_kernel(const struct ztflm_interpreter *ip, uint32_t node)
{
	const struct ztflm_op *op = running_op(ip, node);

	if (!op) {
		return "";
	}
	const uint32_t v = ip->node_op_data[node] & NODE_VARIANT_MASK;

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
