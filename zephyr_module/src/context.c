/* The kernel side of the interpreter: tensor views, op data, scratch, options and errors. */
#include <string.h>

#include <ztflm/schema.h>

#include "fb.h"
#include "internal.h"

static void *loc_data(const struct ztflm_interpreter *ip, uint32_t loc)
{
	if (loc & ZTFLM_LOC_CONST) {
		return (void *)(uintptr_t)(ip->model + (loc & ZTFLM_LOC_MASK));
	}
	return ip->arena->base + loc;
}

bool ztflm_has_input(const struct ztflm_context *ctx, int32_t i)
{
	return i >= 0 && i < ctx->inputs_count && ctx->inputs[i] >= 0;
}

int ztflm_get_input(struct ztflm_context *ctx, int32_t i, struct ztflm_tensor *t)
{
	if (!ztflm_has_input(ctx, i)) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "input %d is missing (%d inputs)", (int)i,
				  (int)ctx->inputs_count);
	}
	ztflm_tensor_view(ctx->ip, (uint32_t)ctx->inputs[i], t);
	return ZTFLM_OK;
}

int ztflm_get_output(struct ztflm_context *ctx, int32_t i, struct ztflm_tensor *t)
{
	if (i < 0 || i >= ctx->outputs_count) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "output %d is missing (%d outputs)", (int)i,
				  (int)ctx->outputs_count);
	}
	ztflm_tensor_view(ctx->ip, (uint32_t)ctx->outputs[i], t);
	return ZTFLM_OK;
}

void *ztflm_input_data(const struct ztflm_context *ctx, int32_t i)
{
	return loc_data(ctx->ip, ctx->ip->tensor_loc[ctx->inputs[i]]);
}

void *ztflm_output_data(const struct ztflm_context *ctx, int32_t i)
{
	return loc_data(ctx->ip, ctx->ip->tensor_loc[ctx->outputs[i]]);
}

int32_t ztflm_tensor_zero_point(const struct ztflm_context *ctx, const struct ztflm_tensor *t,
				uint32_t channel)
{
	return ztflm_tensor_zp(ctx->ip, ztflm_tensor_table(ctx->ip, (uint32_t)t->index), channel);
}

ZTFLM_COLD
void *ztflm_alloc_op_data(struct ztflm_context *ctx, uint32_t bytes)
{
	struct ztflm_interpreter *ip = ctx->ip;

	if (!ctx->preparing || ctx->op_data) {
		ztflm_fail(ctx, ZTFLM_ERR_STATE, "op data allocated twice or outside prepare");
		return NULL;
	}
	void *p = ztflm_tail_alloc(ip, bytes, 8u);

	if (!p) {
		const uint32_t needed = ztflm_arena_used(ip->arena) + ztflm_align_up(bytes, 8u);

		ztflm_fail(ctx, ZTFLM_ERR_ARENA,
			   "arena too small for %u bytes of op data: needs at least %u bytes", bytes,
			   needed);
		ip->error.needed = needed;
		return NULL;
	}
	/* The node's record keeps the distance from the arena end (internal.h). */
	ip->node_op_data[ctx->node] |=
		(uint32_t)(ip->arena->base + ip->arena->size - (uint8_t *)p) << ZTFLM_NODE_DATA_SHIFT;
	ctx->op_data = p;
	return p;
}

uint32_t ztflm_resets(const struct ztflm_context *ctx)
{
	return ctx->ip->resets;
}

ZTFLM_COLD
int ztflm_request_scratch(struct ztflm_context *ctx, uint32_t bytes, int32_t *index)
{
	struct ztflm_interpreter *ip = ctx->ip;
	struct ztflm_arena *a = ip->arena;
	const uint32_t need = (ip->scratch_count + 1u) * 4u;

	if (!ctx->preparing) {
		return ztflm_fail(ctx, ZTFLM_ERR_STATE, "scratch requested outside prepare");
	}
	if (bytes > ZTFLM_MAX_SIZE) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "scratch of %u bytes is too large", bytes);
	}
	if (ip->scratch_count >= 0xFFFEu || need > a->size - a->tail_used) {
		ztflm_fail(ctx, ZTFLM_ERR_ARENA, "arena too small to record scratch buffers");
		ip->error.needed = a->pad + a->tail_used + need;
		return ZTFLM_ERR_ARENA;
	}
	ip->scratch_tmp[ip->scratch_count] = bytes;
	*index = (int32_t)(ip->scratch_count - ip->node_scratch[ctx->node]);
	ip->scratch_count++;
	return ZTFLM_OK;
}

void *ztflm_scratch(const struct ztflm_context *ctx, int32_t index)
{
	const struct ztflm_interpreter *ip = ctx->ip;

	return ip->arena->base + ip->scratch_loc[ip->node_scratch[ctx->node] + (uint32_t)index];
}

int ztflm_alias_output(struct ztflm_context *ctx)
{
	struct ztflm_interpreter *ip = ctx->ip;

	if (!ctx->preparing || !ztflm_has_input(ctx, 0) || ctx->outputs_count < 1) {
		return ztflm_fail(ctx, ZTFLM_ERR_STATE, "alias needs input 0 and output 0");
	}
	const uint32_t in = (uint32_t)ctx->inputs[0];
	const uint32_t out = (uint32_t)ctx->outputs[0];
	struct ztflm_tensor ti;
	struct ztflm_tensor to;

	ztflm_tensor_view(ip, in, &ti);
	ztflm_tensor_view(ip, out, &to);
	if (ti.bytes != to.bytes) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "output has %u bytes, input %u", to.bytes,
				  ti.bytes);
	}
	/* A graph output or a variable keeps its own buffer: the caller may hold on to it. */
	if (to.is_variable || ti.is_variable) {
		return ZTFLM_OK;
	}
	for (uint32_t i = 0; i < fb_vec_len(ip->model, ip->graph_outputs); i++) {
		const int32_t g = fb_i32(ip->model, fb_vec_data(ip->graph_outputs) + 4u * i);

		if ((uint32_t)g == out || (uint32_t)g == in) {
			return ZTFLM_OK;
		}
	}
	for (uint32_t i = 0; i < fb_vec_len(ip->model, ip->graph_inputs); i++) {
		const int32_t g = fb_i32(ip->model, fb_vec_data(ip->graph_inputs) + 4u * i);

		if ((uint32_t)g == in) {
			return ZTFLM_OK;
		}
	}
	/* The plan gives output 0 input 0's place (graph.c, memory_plan.c). */
	ip->node_op_data[ctx->node] |= ZTFLM_NODE_ALIAS;
	return ZTFLM_OK;
}

/* Position of a scalar option field of size bytes inside the options table, 0 when absent. */
static uint32_t option_at(const struct ztflm_context *ctx, uint32_t field, uint32_t size)
{
	const uint8_t *b = ctx->ip->model;
	const uint32_t t = ctx->options;

	if (!t) {
		return 0;
	}
	/* The verifier checked the table and its vtable, not each field's extent. */
	const uint32_t vt = (uint32_t)((int64_t)t - fb_i32(b, t));
	const uint32_t slot = 4u + 2u * field;

	if (slot + 2u > fb_u16(b, vt)) {
		return 0;
	}
	const uint32_t off = fb_u16(b, vt + slot);

	return (off >= 4u && off + size <= fb_u16(b, vt + 2u)) ? t + off : 0;
}

int32_t ztflm_option_i32(const struct ztflm_context *ctx, uint32_t field, int32_t def)
{
	const uint32_t at = option_at(ctx, field, 4u);

	return at ? fb_i32(ctx->ip->model, at) : def;
}

int32_t ztflm_option_i8(const struct ztflm_context *ctx, uint32_t field, int32_t def)
{
	const uint32_t at = option_at(ctx, field, 1u);

	return at ? (int8_t)ctx->ip->model[at] : def;
}

bool ztflm_option_bool(const struct ztflm_context *ctx, uint32_t field, bool def)
{
	const uint32_t at = option_at(ctx, field, 1u);

	return at ? ctx->ip->model[at] != 0 : def;
}

float ztflm_option_f32(const struct ztflm_context *ctx, uint32_t field, float def)
{
	const uint32_t at = option_at(ctx, field, 4u);
	uint32_t bits;
	float f;

	if (!at) {
		return def;
	}
	bits = fb_u32(ctx->ip->model, at);
	memcpy(&f, &bits, sizeof(f));
	return f;
}

int32_t ztflm_option_i32_vector(const struct ztflm_context *ctx, uint32_t field,
				const int32_t **values)
{
	const struct ztflm_interpreter *ip = ctx->ip;
	const uint32_t at = option_at(ctx, field, 4u);

	*values = NULL;
	if (!at) {
		return -1;
	}
	const uint64_t vec = (uint64_t)at + fb_u32(ip->model, at);

	if (vec % 4u || vec + 4u > ip->model_size ||
	    vec + 4u + 4u * (uint64_t)fb_u32(ip->model, (uint32_t)vec) > ip->model_size) {
		return -1;
	}
	*values = (const int32_t *)(const void *)(ip->model + vec + 4u);
	return (int32_t)fb_u32(ip->model, (uint32_t)vec);
}

const char *ztflm_option_string(const struct ztflm_context *ctx, uint32_t field, uint32_t *len)
{
	const struct ztflm_interpreter *ip = ctx->ip;
	const uint32_t at = option_at(ctx, field, 4u);

	*len = 0;
	if (!at) {
		return NULL;
	}
	const uint64_t str = (uint64_t)at + fb_u32(ip->model, at);

	/* Its length word, then its bytes and the NUL after them, inside the model. */
	if (str + 4u > ip->model_size ||
	    fb_u32(ip->model, (uint32_t)str) >= ip->model_size - (uint32_t)str - 4u) {
		return NULL;
	}
	*len = fb_u32(ip->model, (uint32_t)str);
	return (const char *)ip->model + str + 4u;
}

void ztflm_custom_options(const struct ztflm_context *ctx, const uint8_t **data, uint32_t *size)
{
	const struct ztflm_interpreter *ip = ctx->ip;
	const uint32_t op_table = ztflm_operator_table(ip, (uint32_t)ctx->node);
	const uint32_t vec = fb_field_ref(ip->model, op_table, ZTFLM_OPERATOR_CUSTOM_OPTIONS);

	*size = fb_vec_len(ip->model, vec);
	*data = *size ? ip->model + fb_vec_data(vec) : NULL;
}

int(ztflm_fail)(struct ztflm_context *ctx, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = ztflm_error_setv(ctx->ip, code, ctx->node, fmt, ap);
	va_end(ap);
	return code;
}

int ztflm_fail_code(struct ztflm_context *ctx, int code)
{
	return ztflm_error_code(ctx->ip, code, ctx->node);
}

int(ztflm_fail_type)(struct ztflm_context *ctx, const char *what, uint8_t type)
{
	ZTFLM_MSG_ONLY(what);
	ZTFLM_MSG_ONLY(type);
	return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "%s type %s is not supported", what,
			  ztflm_type_name(type));
}
