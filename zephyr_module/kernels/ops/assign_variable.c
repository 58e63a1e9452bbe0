/* ASSIGN_VARIABLE: copies input 1 into a resource variable (TFLM's). */
#include <string.h>

#include "ops/resource_variable.h"

#if ZTFLM_SUBGRAPHS > 1
static int assign_variable_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return ztflm_resource_parse(ctx, io, &io->in[1], true, params);
}

static int assign_variable_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_resource_params *p = params;
	struct ztflm_tensor in;

	(void)ztflm_get_input(ctx, 1, &in);
	if (in.bytes) {
		memcpy(ztflm_resource_data(ctx, p->id), in.data, in.bytes);
	}
	return ZTFLM_OK;
}
#else
#define assign_variable_parse NULL
#define assign_variable_eval NULL
#endif

ZTFLM_VARIANT(assign_variable_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, assign_variable_eval, NULL,
	      NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_assign_variable_any};

const struct ztflm_op ztflm_op_assign_variable = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_ASSIGN_VARIABLE,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 0,
	.outputs_max = 0,
	.params_bytes = sizeof(struct ztflm_resource_params),
	.parse = assign_variable_parse,
	ZTFLM_OP_VARIANTS(variants),
};
