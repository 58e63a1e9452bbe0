/* CALL_ONCE: runs its init subgraph at the first invoke only (TFLM's, not again after a reset). */
#include "ops/subgraph_call.h"

/* Whether the init subgraph ran; TFLM keeps that across MicroInterpreter::Reset. */
struct call_once_params {
	uint32_t has_run;
};

#if ZTFLM_SUBGRAPHS > 1
static int call_once_eval(struct ztflm_context *ctx, const void *params)
{
	(void)params;
	struct call_once_params *p = ctx->op_data;

	if (p->has_run) {
		return ZTFLM_OK;
	}
	const int rc =
		ztflm_invoke_subgraph(ctx, (uint32_t)ztflm_option_i32(ctx, ZTFLM_CALL_ONCE_INIT, 0));

	p->has_run = rc == ZTFLM_OK;
	return rc;
}
#else
#define call_once_eval NULL
#endif

ZTFLM_VARIANT(call_once_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, call_once_eval, NULL, NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_call_once_any};

const struct ztflm_op ztflm_op_call_once = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CALL_ONCE,
	.options = ZTFLM_OPTIONS_CALL_ONCE,
	.inputs_min = 0,
	.inputs_max = 0,
	.outputs_min = 0,
	.outputs_max = 0,
	.params_bytes = sizeof(struct call_once_params),
	ZTFLM_OP_VARIANTS(variants),
};
