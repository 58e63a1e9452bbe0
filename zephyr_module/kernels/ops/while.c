/* WHILE: runs the body subgraph on the node's tensors while the cond subgraph says so (TFLM's). */
#include <string.h>

#include "ops/subgraph_call.h"

#if ZTFLM_SUBGRAPHS > 1
/* The loop's tensors: the node's inputs, then its outputs, go through both subgraphs. */
static int check_loop(struct ztflm_context *ctx, uint32_t cond, uint32_t body)
{
	const struct ztflm_sg_link links[] = {
		{cond, false, false, 0}, /* inputs into cond */
		{body, false, false, 0}, /* and into the body */
		{body, false, true, 0},  /* outputs into the body */
		{body, true, true, 0},   /* and back out of it */
	};
	struct ztflm_tensor c;

	for (uint32_t k = 0; k < sizeof(links) / sizeof(links[0]); k++) {
		const int rc = ztflm_sg_check(ctx, &links[k]);

		if (rc) {
			return rc;
		}
	}
	/* TFLM reads the first byte of cond's output 0 whatever it is, or past its outputs. */
	const int n = ztflm_subgraph_io(ctx, cond, true, 0, &c);

	ZTFLM_CHECK(ctx, n >= 1 && c.type == ZTFLM_BOOL && c.elements >= 1, ZTFLM_ERR_MODEL,
		    "cond subgraph %u must give a bool as its output 0", cond);
	return ZTFLM_OK;
}
#endif

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	(void)io;
	(void)params;
	int rc = ZTFLM_OK;

	ZTFLM_CHECK(ctx, ctx->inputs_count == ctx->outputs_count, ZTFLM_ERR_MODEL,
		    "has %d inputs and %d outputs: a loop's must pair up", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
#if ZTFLM_SUBGRAPHS > 1
	if (!rc) {
		rc = check_loop(ctx, (uint32_t)ztflm_option_i32(ctx, ZTFLM_WHILE_COND, 0),
				(uint32_t)ztflm_option_i32(ctx, ZTFLM_WHILE_BODY, 0));
	}
#endif
	return rc;
}

#if ZTFLM_SUBGRAPHS > 1
/* Runs cond on the loop's tensors (the node's outputs) and reads its answer. */
static int test(struct ztflm_context *ctx, uint32_t cond, bool *go)
{
	const int rc = ztflm_invoke_subgraph(ctx, cond);

	*go = !rc && ztflm_sg_condition(ctx, cond);
	return rc;
}

static int while_eval(struct ztflm_context *ctx, const void *params)
{
	(void)params;
	const uint32_t cond = (uint32_t)ztflm_option_i32(ctx, ZTFLM_WHILE_COND, 0);
	const uint32_t body = (uint32_t)ztflm_option_i32(ctx, ZTFLM_WHILE_BODY, 0);
	const struct ztflm_sg_link in_cond = {cond, false, false, 0};
	const struct ztflm_sg_link out_cond = {cond, false, true, 0};
	const struct ztflm_sg_link out_body = {body, false, true, 0};
	const struct ztflm_sg_link body_out = {body, true, true, 0};
	bool go;

	/* TFLM's order: the inputs to cond and to the outputs, then cond. */
	ztflm_sg_copy(ctx, &in_cond, true);
	for (int32_t i = 0; i < ctx->outputs_count; i++) {
		struct ztflm_tensor in;
		struct ztflm_tensor out;

		(void)ztflm_get_input(ctx, i, &in);
		(void)ztflm_get_output(ctx, i, &out);
		if (in.bytes && in.data != out.data) {
			memcpy(out.data, in.data, in.bytes);
		}
	}
	int rc = test(ctx, cond, &go);
	uint32_t iterations = 0;

	while (!rc && go) {
		if (ZTFLM_WHILE_MAX_ITERATIONS != 0u && ++iterations > ZTFLM_WHILE_MAX_ITERATIONS) {
			return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED,
					  "more than %u iterations (ZTFLM_WHILE_MAX_ITERATIONS)",
					  (unsigned int)ZTFLM_WHILE_MAX_ITERATIONS);
		}
		ztflm_sg_copy(ctx, &out_body, true);
		rc = ztflm_invoke_subgraph(ctx, body);
		if (rc) {
			break;
		}
		ztflm_sg_copy(ctx, &body_out, false);
		ztflm_sg_copy(ctx, &out_cond, true);
		rc = test(ctx, cond, &go);
	}
	return rc;
}
#else
#define while_eval NULL
#endif

ZTFLM_VARIANT(while_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, while_eval, NULL, NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_while_any};

const struct ztflm_op ztflm_op_while = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_WHILE,
	.options = ZTFLM_OPTIONS_WHILE,
	.inputs_min = 1,
	.inputs_max = 255,
	.outputs_min = 1,
	.outputs_max = 255,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
