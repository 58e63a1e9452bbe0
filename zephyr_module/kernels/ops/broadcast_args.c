/* BROADCAST_ARGS: the shape two shapes broadcast to, computed from shape tensors at run time. */
#include "ops/broadcast_args.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_broadcast_args_params *p = params;

	for (int i = 0; i < 2; i++) {
		ZTFLM_CHECK(ctx, io->in[i].dims_count == 1, ZTFLM_ERR_MODEL,
			    "input %d must be a shape vector, not of rank %d", i,
			    (int)io->in[i].dims_count);
		p->count[i] = io->in[i].elements;
	}
	p->out = p->count[0] > p->count[1] ? p->count[0] : p->count[1];
	/* TFLM fills any output length (1s in front, or only the last entries). */
	ZTFLM_CHECK(ctx, io->out[0].dims_count == 1 && io->out[0].elements == p->out,
		    ZTFLM_ERR_MODEL, "the output must have shape [%u], the longer input's",
		    (unsigned)p->out);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_broadcast_args_s32_ref,
	&ztflm_broadcast_args_s64_ref,
};

const struct ztflm_op ztflm_op_broadcast_args = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_BROADCAST_ARGS,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_broadcast_args_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
