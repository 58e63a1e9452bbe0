/* VAR_HANDLE: names a resource variable; its output holds the variable's id (TFLM's). */
#include "ops/subgraph_call.h"

struct var_handle_params {
	int32_t id;
};

#if ZTFLM_SUBGRAPHS > 1
static int var_handle_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct var_handle_params *p = params;
	const struct ztflm_tensor *out = &io->out[0];

	ZTFLM_CHECK(ctx, (out->type == ZTFLM_RESOURCE || out->type == ZTFLM_INT32) &&
				 out->elements == 1,
		    ZTFLM_ERR_MODEL, "output is %s of %u elements, not one resource",
		    ztflm_type_name(out->type), out->elements);
	p->id = ztflm_resource_id(ctx, -1);
	return p->id < 0 ? p->id : ZTFLM_OK;
}

static int var_handle_eval(struct ztflm_context *ctx, const void *params)
{
	const struct var_handle_params *p = params;

	*(int32_t *)ztflm_output_data(ctx, 0) = p->id;
	return ZTFLM_OK;
}
#else
#define var_handle_parse NULL
#define var_handle_eval NULL
#endif

ZTFLM_VARIANT(var_handle_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, var_handle_eval, NULL, NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_var_handle_any};

const struct ztflm_op ztflm_op_var_handle = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_VAR_HANDLE,
	.options = ZTFLM_OPTIONS_VAR_HANDLE,
	.inputs_min = 0,
	.inputs_max = 0,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct var_handle_params),
	.parse = var_handle_parse,
	ZTFLM_OP_VARIANTS(variants),
};
