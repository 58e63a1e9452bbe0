/* CAST: every element converted to the output's type (float32, int8, int16, int32, uint32 and
 * bool, both ways). */
#include "ops/cast.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_cast_params *p = params;
	const uint8_t t = io->out[0].type;

	ZTFLM_CHECK(ctx, t == ZTFLM_FLOAT32 || t == ZTFLM_INT8 || t == ZTFLM_INT16 ||
				 t == ZTFLM_INT32 || t == ZTFLM_UINT32 || t == ZTFLM_BOOL,
		    ZTFLM_ERR_UNSUPPORTED, "output type %s is not supported", ztflm_type_name(t));
	p->out_type = t;
	return ztflm_unary_parse(ctx, io, params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_cast_s8_ref,  &ztflm_cast_s16_ref,  &ztflm_cast_s32_ref,
	&ztflm_cast_u32_ref, &ztflm_cast_bool_ref, &ztflm_cast_f32_ref,
};

const struct ztflm_op ztflm_op_cast = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CAST,
	.options = ZTFLM_OPTIONS_CAST,
	ZTFLM_UNARY_IO,
	.params_bytes = sizeof(struct ztflm_cast_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
