/* More than one subgraph (ZTFLM_SUBGRAPHS > 1): locating them, switching, running one, and
 * the resource variables their nodes share. */
#include <string.h>

#include <ztflm/op.h>
#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"
#include "table.h"

#if ZTFLM_SUBGRAPHS > 1

_Static_assert(ZTFLM_SUBGRAPHS <= 255, "subgraph indices are kept in a byte");

void ztflm_subgraph_enter(struct ztflm_interpreter *ip, uint32_t index)
{
	const struct ztflm_subgraph *from = &ip->sg[ip->current];
	const struct ztflm_subgraph *to = &ip->sg[index];
	const int32_t tensors = (int32_t)to->tensor_base - (int32_t)from->tensor_base;
	const int32_t ops = (int32_t)to->op_base - (int32_t)from->op_base;

	/* The tail tables hold every subgraph's entries back to back: move the slices. */
	if (ip->tensor_loc) {
		ip->tensor_loc += tensors;
	}
	if (ip->node_op_data) {
		ip->node_op_data += ops;
		ip->node_scratch += ops;
	}
	if (ip->node_time) {
		ip->node_time += ops;
	}
	ip->tensors = to->tensors;
	ip->operators = to->operators;
	ip->graph_inputs = to->inputs;
	ip->graph_outputs = to->outputs;
	ip->tensor_count = fb_vec_len(ip->model, to->tensors);
	ip->op_count = fb_vec_len(ip->model, to->operators);
	ip->current = (uint8_t)index;
}

int ztflm_subgraphs_locate(struct ztflm_interpreter *ip, uint32_t subgraphs)
{
	const uint8_t *b = ip->model;
	const uint32_t n = fb_vec_len(b, subgraphs);
	uint32_t tensors = 0;
	uint32_t ops = 0;
	uint32_t at[FIELD_SLOTS];

	if (n > ZTFLM_SUBGRAPHS) {
		return ztflm_error_model(ip, ZTFLM_ERR_UNSUPPORTED,
					 "%u subgraphs; this build runs at most %d "
					 "(ZTFLM_SUBGRAPHS)",
					 n, ZTFLM_SUBGRAPHS);
	}
	for (uint32_t k = 0; k < n; k++) {
		struct ztflm_subgraph *sg = &ip->sg[k];

		if (!ztflm_fields(b, ip->model_size, fb_vec_table(b, subgraphs, k),
				  ztflm_subgraph_fields, at)) {
			return ztflm_error_model(ip, ZTFLM_ERR_MODEL, "subgraph %u is malformed",
						 k);
		}
		sg->tensors = at[ZTFLM_SUBGRAPH_TENSORS];
		sg->inputs = at[ZTFLM_SUBGRAPH_INPUTS];
		sg->outputs = at[ZTFLM_SUBGRAPH_OUTPUTS];
		sg->operators = at[ZTFLM_SUBGRAPH_OPERATORS];
		sg->tensor_base = (uint16_t)tensors;
		sg->op_base = (uint16_t)ops;
		tensors += fb_vec_len(b, sg->tensors);
		ops += fb_vec_len(b, sg->operators);
		/* Indices of all subgraphs' tensors and nodes together fit 16 bits, as one's do. */
		if (tensors > 0xFFFEu || ops > 0xFFFEu) {
			return ztflm_error_model(ip, ZTFLM_ERR_UNSUPPORTED,
						 "%u tensors and %u operators in subgraphs "
						 "0..%u, at most 65534 each",
						 tensors, ops, k);
		}
	}
	ip->subgraph_count = (uint8_t)n;
	ip->current = 0;
	ztflm_subgraph_enter(ip, 0);
	return ZTFLM_OK;
}

uint32_t ztflm_tensor_total(const struct ztflm_interpreter *ip)
{
	const struct ztflm_subgraph *last = &ip->sg[ip->subgraph_count - 1u];

	return last->tensor_base + fb_vec_len(ip->model, last->tensors);
}

uint32_t ztflm_op_total(const struct ztflm_interpreter *ip)
{
	const struct ztflm_subgraph *last = &ip->sg[ip->subgraph_count - 1u];

	return last->op_base + fb_vec_len(ip->model, last->operators);
}

/*
 * IF runs one of two subgraphs, WHILE two in turn, CALL_ONCE one: their options table names
 * them in fields 0 and 1 (schema.h), which the plan needs before any kernel is prepared.
 */
int ztflm_node_calls(struct ztflm_interpreter *ip, uint32_t node, uint32_t *to)
{
	struct ztflm_context ctx;
	uint8_t tag;
	int n = 2;

	ztflm_node_context(ip, node, &ctx);
	switch (ctx.op) {
	case ZTFLM_OP_IF:
		tag = ZTFLM_OPTIONS_IF;
		break;
	case ZTFLM_OP_WHILE:
		tag = ZTFLM_OPTIONS_WHILE;
		break;
	case ZTFLM_OP_CALL_ONCE:
		tag = ZTFLM_OPTIONS_CALL_ONCE;
		n = 1;
		break;
	default:
		return 0;
	}
	/* TFLM reads the options as this table whatever their tag says, and crashes without. */
	if (ctx.options_type != tag || !ctx.options) {
		return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
				       "model: its options are not %s options (tag %u)",
				       ztflm_builtin_name(ctx.op), ctx.options_type);
	}
	for (int k = 0; k < n; k++) {
		const int32_t index = ztflm_option_i32(&ctx, (uint32_t)k, 0);

		if (index < 0 || (uint32_t)index >= ip->subgraph_count) {
			return ztflm_error_set(ip, ZTFLM_ERR_MODEL, (int32_t)node,
					       "model: subgraph index %d outside 0..%u", (int)index,
					       ip->subgraph_count - 1u);
		}
		to[k] = (uint32_t)index;
	}
	return n;
}

int ztflm_invoke_subgraph(struct ztflm_context *ctx, uint32_t index)
{
	struct ztflm_interpreter *ip = ctx->ip;
	const uint32_t from = ip->current;

	ztflm_subgraph_enter(ip, index);
	const int rc = ztflm_run_nodes(ip);

	ztflm_subgraph_enter(ip, from);
	return rc;
}

int ztflm_subgraph_io(struct ztflm_context *ctx, uint32_t index, bool output, uint32_t i,
		      struct ztflm_tensor *t)
{
	struct ztflm_interpreter *ip = ctx->ip;
	const uint32_t from = ip->current;

	ztflm_subgraph_enter(ip, index);
	const uint32_t vec = output ? ip->graph_outputs : ip->graph_inputs;
	const uint32_t count = fb_vec_len(ip->model, vec);

	if (i < count) {
		ztflm_tensor_view(ip, (uint32_t)fb_i32(ip->model, fb_vec_data(vec) + 4u * i), t);
	}
	ztflm_subgraph_enter(ip, from);
	return (int)count;
}

/*
 * Resource variables, TFLM's MicroResourceVariables: one per distinct (container, shared
 * name) of the VAR_HANDLE nodes, sized by the first node that reads or writes it.
 */
int ztflm_resources_place(struct ztflm_interpreter *ip)
{
	uint32_t n = 0;

	for (uint32_t sg = 0; sg < ip->subgraph_count; sg++) {
		ztflm_subgraph_enter(ip, sg);
		for (uint32_t node = 0; node < ip->op_count; node++) {
			struct ztflm_context ctx;

			ztflm_node_context(ip, node, &ctx);
			n += ctx.op == ZTFLM_OP_VAR_HANDLE;
		}
	}
	ztflm_subgraph_enter(ip, 0);
	ip->resource_count = 0;
	ip->resource_max = (uint16_t)n;
	if (n) {
		ip->resources = ztflm_tail_alloc(ip, n * (uint32_t)sizeof(struct ztflm_resource), 4u);
		if (!ip->resources) {
			return ztflm_error_arena(ip, ip->tail_bytes, false);
		}
	}
	return ZTFLM_OK;
}

/* The id VAR_HANDLE node c names (VarHandleOptions), created when no earlier one did. */
static int32_t handle_id(struct ztflm_context *ctx, const struct ztflm_context *c)
{
	struct ztflm_interpreter *ip = ctx->ip;
	uint32_t clen;
	uint32_t nlen;
	const char *container = ztflm_option_string(c, ZTFLM_VAR_HANDLE_CONTAINER, &clen);
	const char *name = ztflm_option_string(c, ZTFLM_VAR_HANDLE_SHARED_NAME, &nlen);

	if (c->options_type != ZTFLM_OPTIONS_VAR_HANDLE || !name || clen > 0xFFFFu ||
	    nlen > 0xFFFFu) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL,
				  "VAR_HANDLE node %d has no shared name inside the model",
				  (int)c->node);
	}
	const uint32_t coff = container ? (uint32_t)((const uint8_t *)container - ip->model) : 0;
	const uint32_t noff = (uint32_t)((const uint8_t *)name - ip->model);

	for (uint32_t i = 0; i < ip->resource_count; i++) {
		const struct ztflm_resource *r = &ip->resources[i];

		if (r->container_len == clen && r->name_len == nlen &&
		    !memcmp(ip->model + r->container, ip->model + coff, clen) &&
		    !memcmp(ip->model + r->name, name, nlen)) {
			return (int32_t)i;
		}
	}
	/* resource_max counts every VAR_HANDLE node: one more always fits. */
	struct ztflm_resource *r = &ip->resources[ip->resource_count];

	memset(r, 0, sizeof(*r));
	r->container = coff;
	r->container_len = (uint16_t)clen;
	r->name = noff;
	r->name_len = (uint16_t)nlen;
	r->loc = ZTFLM_LOC_NONE;
	return (int32_t)ip->resource_count++;
}

int32_t ztflm_resource_id(struct ztflm_context *ctx, int32_t input)
{
	struct ztflm_interpreter *ip = ctx->ip;

	if (input < 0) {
		return handle_id(ctx, ctx);
	}
	/* The VAR_HANDLE writing that tensor: the id is known at prepare, as in TFLM. */
	for (uint32_t node = 0; node < ip->op_count; node++) {
		struct ztflm_context c;

		ztflm_node_context(ip, node, &c);
		if (c.op == ZTFLM_OP_VAR_HANDLE && c.outputs_count == 1 &&
		    c.outputs[0] == ctx->inputs[input]) {
			return handle_id(ctx, &c);
		}
	}
	return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "input %d is no VAR_HANDLE's output of its subgraph",
			  (int)input);
}

int ztflm_resource_use(struct ztflm_context *ctx, int32_t id, const struct ztflm_tensor *t,
		       bool assign)
{
	struct ztflm_resource *r = &ctx->ip->resources[id];

	if (r->loc == ZTFLM_LOC_NONE) {
		uint8_t *p = ztflm_tail_alloc(ctx->ip, t->bytes, 8u);

		if (!p && t->bytes) {
			return ztflm_fail(ctx, ZTFLM_ERR_ARENA,
					  "arena too small for a resource variable of %u bytes",
					  t->bytes);
		}
		r->loc = p ? (uint32_t)(p - ctx->ip->arena->base) : 0u;
		r->bytes = t->bytes;
		r->type = t->type;
	}
	ZTFLM_CHECK(ctx, r->type == t->type && r->bytes == t->bytes, ZTFLM_ERR_MODEL,
		    "variable %d is %u bytes of %s, not %u of %s", (int)id, r->bytes,
		    ztflm_type_name(r->type), t->bytes, ztflm_type_name(t->type));
	/* TFLM fills a variable with the zero point of the tensor first assigned to it. */
	if (assign && !r->assigned) {
		r->fill = (int8_t)t->zero_point;
	}
	r->assigned |= assign;
	r->read |= !assign;
	return ZTFLM_OK;
}

void *ztflm_resource_data(const struct ztflm_context *ctx, int32_t id)
{
	return ctx->ip->arena->base + ctx->ip->resources[id].loc;
}

int ztflm_resources_check(struct ztflm_interpreter *ip)
{
	for (uint32_t i = 0; i < ip->resource_count; i++) {
		const struct ztflm_resource *r = &ip->resources[i];

		/* TFLM would copy from a buffer it never allocated. */
		if (r->read && !r->assigned) {
			return ztflm_error_model(ip, ZTFLM_ERR_MODEL,
						 "resource variable '%.*s' is read but never "
						 "assigned",
						 (int)r->name_len, (const char *)ip->model + r->name);
		}
	}
	return ZTFLM_OK;
}

void ztflm_resources_reset(struct ztflm_interpreter *ip)
{
	for (uint32_t i = 0; i < ip->resource_count; i++) {
		const struct ztflm_resource *r = &ip->resources[i];

		if (r->bytes) {
			memset(ip->arena->base + r->loc, r->fill, r->bytes);
		}
	}
}

#endif /* ZTFLM_SUBGRAPHS > 1 */
