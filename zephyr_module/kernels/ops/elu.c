/* ELU: float32, and int8 through TFLM's table of expf(x) - 1. */
#include "common/expf.h"
#include "common/lut.h"
#include "ops/elu.h"

static float elu(float x)
{
	return x < 0.0f ? ztflm_expf(x) - 1.0f : x;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_elu_params *p = params;
	const int rc = ztflm_unary_parse(ctx, io, params);

	if (rc == ZTFLM_OK && io->in[0].type == ZTFLM_INT8) {
		ztflm_lut_s8(p->table, io->in[0].scale, io->in[0].zero_point, io->out[0].scale,
			     io->out[0].zero_point, elu);
	}
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_elu_s8_ref,
	&ztflm_elu_f32_ref,
};

const struct ztflm_op ztflm_op_elu = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_ELU,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_elu_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
