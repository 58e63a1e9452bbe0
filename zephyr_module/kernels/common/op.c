/* The generic prepare and eval of every operator described by a struct ztflm_op. */
#include <string.h>

#include <ztflm/op.h>

static bool in_set(uint32_t set, bool output, int32_t i)
{
	return output ? (i < 8 && (set & ZTFLM_OUT(i))) : (i < 24 && (set & ZTFLM_IN(i)));
}

static int check_arity(struct ztflm_context *ctx, const struct ztflm_op *op)
{
	ZTFLM_CHECK(ctx,
		    ctx->inputs_count >= op->inputs_min && ctx->inputs_count <= op->inputs_max &&
			    ctx->outputs_count >= op->outputs_min &&
			    ctx->outputs_count <= op->outputs_max,
		    ZTFLM_ERR_MODEL, "has %d inputs and %d outputs, needs %d to %d and %d to %d",
		    (int)ctx->inputs_count, (int)ctx->outputs_count, (int)op->inputs_min,
		    (int)op->inputs_max, (int)op->outputs_min, (int)op->outputs_max);
	for (int32_t i = 0; i < ctx->inputs_count; i++) {
		ZTFLM_CHECK(ctx, ctx->inputs[i] >= 0 || in_set(op->optional, false, i),
			    ZTFLM_ERR_MODEL, "input %d is missing", (int)i);
	}
	if (op->options && ctx->options) {
		ZTFLM_CHECK(ctx, ctx->options_type == op->options, ZTFLM_ERR_MODEL,
			    "options table is of type %d, not %d", (int)ctx->options_type,
			    (int)op->options);
	}
	if (!op->options) {
		/* An operator reads only the table it declares: the option readers give defaults. */
		ctx->options = 0;
	}
	return ZTFLM_OK;
}

/* One tensor of the node for the checks below: input i, or output i (past the io arrays,
 * read into spare). */
static const struct ztflm_tensor *view(struct ztflm_context *ctx, const struct ztflm_io *io,
				       bool output, int32_t i, struct ztflm_tensor *spare)
{
	if (output ? i < ZTFLM_IO_OUTPUTS : i < ZTFLM_IO_INPUTS) {
		return output ? &io->out[i] : &io->in[i];
	}
	(void)(output ? ztflm_get_output(ctx, i, spare) : ztflm_get_input(ctx, i, spare));
	return spare;
}

/* Types and quantization of every tensor in the descriptor's sets. */
static int check_tensors(struct ztflm_context *ctx, const struct ztflm_op *op,
			 const struct ztflm_io *io, uint8_t type)
{
	struct ztflm_tensor spare;

	for (int pass = 0; pass < 2; pass++) {
		const bool output = pass == 1;
		const int32_t n = output ? ctx->outputs_count : ctx->inputs_count;

		for (int32_t i = 0; i < n; i++) {
			const bool same = in_set(op->same_type, output, i);
			const bool quant = in_set(op->quantized, output, i);

			if ((!same && !quant) || (!output && ctx->inputs[i] < 0)) {
				continue;
			}
			const struct ztflm_tensor *t = view(ctx, io, output, i, &spare);

			ZTFLM_CHECK(ctx, !same || t->type == type, ZTFLM_ERR_MODEL,
				    "%s %d has type %s, not %s like input %d", output ? "output" : "input",
				    (int)i, ztflm_type_name(t->type), ztflm_type_name(type),
				    (int)op->type_input);
			if (quant && (t->type == ZTFLM_INT8 || t->type == ZTFLM_INT16 ||
				      t->type == ZTFLM_UINT8)) {
				const int rc = ztflm_check_quant(ctx, output ? "output" : "input", t);

				if (rc != ZTFLM_OK) {
					return rc;
				}
			}
		}
	}
	return ZTFLM_OK;
}

static bool variant_fits(const struct ztflm_variant *v, uint8_t type, uint8_t out_type)
{
	return (v->type == ZTFLM_TYPE_ANY || v->type == type) &&
	       (v->out_type == ZTFLM_TYPE_ANY || v->out_type == out_type);
}

ZTFLM_COLD
int ztflm_op_prepare(struct ztflm_context *ctx)
{
	const struct ztflm_op *op = ctx->desc;
	struct ztflm_io io;
	int rc = check_arity(ctx, op);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	memset(&io, 0, sizeof(io));
	for (int32_t i = 0; i < ZTFLM_IO_INPUTS; i++) {
		io.in[i].index = -1;
		if (ztflm_has_input(ctx, i)) {
			(void)ztflm_get_input(ctx, i, &io.in[i]);
		}
	}
	for (int32_t i = 0; i < ZTFLM_IO_OUTPUTS; i++) {
		io.out[i].index = -1;
		if (i < ctx->outputs_count) {
			(void)ztflm_get_output(ctx, i, &io.out[i]);
		}
	}
	/* An operator without inputs (CALL_ONCE, VAR_HANDLE) has no type to select by. */
	ZTFLM_CHECK(ctx, op->inputs_max == 0 || ztflm_has_input(ctx, op->type_input),
		    ZTFLM_ERR_MODEL, "input %d is missing", (int)op->type_input);
	const uint8_t type = op->inputs_max ? io.in[op->type_input].type : ZTFLM_TYPE_ANY;
	const uint8_t out_type = ctx->outputs_count > 0 ? io.out[0].type : ZTFLM_TYPE_ANY;
	bool typed = false;
	bool built = false;

	for (uint8_t v = 0; v < op->variants_count; v++) {
		const bool fits = variant_fits(op->variants[v], type, out_type);

		typed = typed || fits;
		built = built || (fits && op->variants[v]->eval != NULL);
	}
	if (!typed) {
		ZTFLM_MSG_ONLY(out_type);
		return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "%s input and %s output are not supported",
				  ztflm_type_name(type),
				  out_type == ZTFLM_TYPE_ANY ? "no" : ztflm_type_name(out_type));
	}
	if (!built) {
		return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED,
				  "%s kernels are not in this build (ZTFLM_TYPES)",
				  ztflm_type_name(type));
	}
	rc = check_tensors(ctx, op, &io, type);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	void *params = NULL;

	if (op->params_bytes > 0) {
		params = ztflm_alloc_op_data(ctx, op->params_bytes);
		if (params == NULL) {
			return ZTFLM_ERR_ARENA;
		}
	}
	if (op->parse) {
		rc = op->parse(ctx, &io, params);
		if (rc != ZTFLM_OK) {
			return rc;
		}
		params = ctx->op_data;
	}
	for (uint8_t v = 0; v < op->variants_count; v++) {
		const struct ztflm_variant *var = op->variants[v];

		if (!variant_fits(var, type, out_type) || var->eval == NULL ||
		    (var->can_run && !var->can_run(params))) {
			continue;
		}
		ctx->variant = v;
		const uint32_t bytes = var->scratch_bytes ? var->scratch_bytes(params) : 0u;
		int32_t index;

		return bytes > 0 ? ztflm_request_scratch(ctx, bytes, &index) : ZTFLM_OK;
	}
	return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "no kernel of this build runs this node");
}

int ztflm_op_eval(struct ztflm_context *ctx)
{
	return ctx->desc->variants[ctx->variant]->eval(ctx, ctx->op_data);
}

int ztflm_op_eval_stateful(struct ztflm_context *ctx)
{
	/* The op data's first word: the interpreter's resets when its state was set. */
	uint32_t *seen = ctx->op_data;
	const uint32_t resets = ztflm_resets(ctx);

	if (*seen != resets) {
		ctx->desc->reset(ctx->op_data);
		*seen = resets;
	}
	return ztflm_op_eval(ctx);
}

void *ztflm_op_scratch(const struct ztflm_context *ctx)
{
	const struct ztflm_variant *v = ctx->desc->variants[ctx->variant];

	return v->scratch_bytes && v->scratch_bytes(ctx->op_data) > 0 ? ztflm_scratch(ctx, 0)
									: NULL;
}

ZTFLM_COLD
int ztflm_check_quant(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t)
{
	ZTFLM_MSG_ONLY(what);
	const int32_t lo = t->type == ZTFLM_INT8 ? INT8_MIN : (t->type == ZTFLM_INT16 ? INT16_MIN : 0);
	const int32_t hi = t->type == ZTFLM_INT8 ? INT8_MAX
						  : (t->type == ZTFLM_INT16 ? INT16_MAX : UINT8_MAX);

	ZTFLM_CHECK(ctx, t->scale_count > 0, ZTFLM_ERR_MODEL, "%s tensor %d is not quantized", what,
		    (int)t->index);
	/* Written so that NaN fails too. */
	ZTFLM_CHECK(ctx, t->scale > 0.0f && t->scale <= 3.4e38f, ZTFLM_ERR_MODEL,
		    "%s tensor %d has a scale that is not positive and finite", what, (int)t->index);
	ZTFLM_CHECK(ctx, t->zero_point >= lo && t->zero_point <= hi, ZTFLM_ERR_MODEL,
		    "%s tensor %d has zero point %d, outside %s", what, (int)t->index,
		    (int)t->zero_point, ztflm_type_name(t->type));
	return ZTFLM_OK;
}

int ztflm_check_output_shape(struct ztflm_context *ctx, const struct ztflm_io *io,
			     const int32_t *dims, int32_t rank)
{
	const struct ztflm_tensor *out = &io->out[0];

	ZTFLM_CHECK(ctx, out->dims_count == rank, ZTFLM_ERR_MODEL,
		    "output has rank %d, not %d", (int)out->dims_count, (int)rank);
	for (int32_t k = 0; k < rank; k++) {
		ZTFLM_CHECK(ctx, out->dims[k] == dims[k], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, not %d", (int)k, (int)out->dims[k],
			    (int)dims[k]);
	}
	return ZTFLM_OK;
}
