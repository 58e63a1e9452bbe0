/* RELU6: int8 and int16 (clamped in the input's quantization) and float32. */
#include <math.h>

#include "common/mathf.h"
#include "common/quant.h"
#include "ops/relu.h"

/*
 * TFLM FloatToQuantizedType(6.0f, scale, zp), saturated to the type. A quotient
 * beyond int32 converts to INT32_MIN on the x86 hosts TFLM is checked on.
 */
static int32_t quantized_six(float scale, int32_t zero_point, int32_t lo, int32_t hi)
{
	const double r = (double)ztflm_roundf(6.0f / scale) + (double)zero_point;
	const int32_t q = (r >= -2147483648.0 && r < 2147483648.0) ? (int32_t)r : INT32_MIN;

	return ztflm_clamp_i32(q, lo, hi);
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_relu6_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const int rc = ztflm_unary_parse(ctx, io, params);

	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	const bool s8 = in->type == ZTFLM_INT8;

	p->lower = in->zero_point;
	p->upper = quantized_six(in->scale, in->zero_point, s8 ? INT8_MIN : INT16_MIN,
				 s8 ? INT8_MAX : INT16_MAX);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_relu6_s8_ref,
	&ztflm_relu6_s16_ref,
	&ztflm_relu6_f32_ref,
};

/* Only the input's quantization matters: TFLM clamps without rescaling. */
const struct ztflm_op ztflm_op_relu6 = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_RELU6,
	ZTFLM_UNARY_IO,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0),
	.params_bytes = sizeof(struct ztflm_relu6_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
