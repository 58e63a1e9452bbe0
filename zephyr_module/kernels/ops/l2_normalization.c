/* L2_NORMALIZATION along the last axis: float32 and int8, ranks 1 to 4 as TFLM. */
#include <ztflm/schema.h>

#include "ops/l2_normalization.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_l2_normalization_params *p = params;
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_L2_NORM_ACTIVATION, ZTFLM_ACT_NONE);

	ZTFLM_CHECK(ctx, act == ZTFLM_ACT_NONE, ZTFLM_ERR_UNSUPPORTED,
		    "fused activation %d is not supported (TFLM takes none)", (int)act);
	p->input_zero_point = io->in[0].zero_point;
	return ztflm_last_axis_parse(ctx, io, 4, params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_l2_normalization_s8_ref,
	&ztflm_l2_normalization_f32_ref,
};

const struct ztflm_op ztflm_op_l2_normalization = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_L2_NORMALIZATION,
	.options = ZTFLM_OPTIONS_L2_NORM,
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0),
	.params_bytes = sizeof(struct ztflm_l2_normalization_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
