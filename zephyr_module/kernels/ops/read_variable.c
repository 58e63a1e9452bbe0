/* READ_VARIABLE: copies a resource variable into its output (TFLM's). */
#include <string.h>

#include "ops/resource_variable.h"

#if ZTFLM_SUBGRAPHS > 1
static int read_variable_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return ztflm_resource_parse(ctx, io, &io->out[0], false, params);
}

static int read_variable_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_resource_params *p = params;
	struct ztflm_tensor out;

	(void)ztflm_get_output(ctx, 0, &out);
	if (out.bytes) {
		memcpy(out.data, ztflm_resource_data(ctx, p->id), out.bytes);
	}
	return ZTFLM_OK;
}
#else
#define read_variable_parse NULL
#define read_variable_eval NULL
#endif

ZTFLM_VARIANT(read_variable_any, ZTFLM_TYPE_ANY, ZTFLM_TYPE_ANY, read_variable_eval, NULL, NULL);

static const struct ztflm_variant *const variants[] = {&ztflm_read_variable_any};

const struct ztflm_op ztflm_op_read_variable = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_READ_VARIABLE,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_resource_params),
	.parse = read_variable_parse,
	ZTFLM_OP_VARIANTS(variants),
};
