/* IF: runs the then or the else subgraph on inputs 1.. as the boolean input 0 says (TFLM's). */
#include "ops/subgraph_call.h"

#if ZTFLM_SUBGRAPHS > 1
/* The branch's inputs are the node's from 1 on, its outputs the node's. */
static int check_branch(struct ztflm_context *ctx, uint32_t sg)
{
	const struct ztflm_sg_link in = {sg, false, false, 1};
	const struct ztflm_sg_link out = {sg, true, true, 0};
	const int rc = ztflm_sg_check(ctx, &in);

	return rc ? rc : ztflm_sg_check(ctx, &out);
}
#endif

/*
 * TFLM checks the then branch at prepare and the else branch only when it runs (its copies
 * fail at eval on a mismatch, or copy nothing from a branch without outputs): both are
 * checked here, so a model never fails half-way through an invoke.
 */
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	(void)params;
	const struct ztflm_tensor *cond = &io->in[0];
	int rc = ZTFLM_OK;

	ZTFLM_CHECK(ctx, cond->type == ZTFLM_BOOL && cond->elements == 1, ZTFLM_ERR_MODEL,
		    "the condition (input 0) is %s of %u elements, not one bool",
		    ztflm_type_name(cond->type), cond->elements);
#if ZTFLM_SUBGRAPHS > 1
	if (!rc) {
		rc = check_branch(ctx, (uint32_t)ztflm_option_i32(ctx, ZTFLM_IF_THEN, 0));
	}
	if (!rc) {
		rc = check_branch(ctx, (uint32_t)ztflm_option_i32(ctx, ZTFLM_IF_ELSE, 0));
	}
#endif
	return rc;
}

#if ZTFLM_SUBGRAPHS > 1
static int if_eval(struct ztflm_context *ctx, const void *params)
{
	(void)params;
	const bool cond = *(const uint8_t *)ztflm_input_data(ctx, 0) != 0;
	const uint32_t sg = (uint32_t)ztflm_option_i32(ctx, cond ? ZTFLM_IF_THEN : ZTFLM_IF_ELSE, 0);
	const struct ztflm_sg_link in = {sg, false, false, 1};
	const struct ztflm_sg_link out = {sg, true, true, 0};

	ztflm_sg_copy(ctx, &in, true);
	const int rc = ztflm_invoke_subgraph(ctx, sg);

	if (!rc) {
		ztflm_sg_copy(ctx, &out, false);
	}
	return rc;
}
#else
#define if_eval NULL
#endif

ZTFLM_VARIANT(if_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, if_eval, NULL, NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_if_any};

const struct ztflm_op ztflm_op_if = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_IF,
	.options = ZTFLM_OPTIONS_IF,
	.inputs_min = 1,
	.inputs_max = 255,
	.outputs_min = 0,
	.outputs_max = 255,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
