/* ABS: element-wise; float32, int8 (quantized) and int16 (quantized or not). */
#include "common/quant.h"
#include "ops/abs_rsqrt.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_abs_rsqrt_params *p = params;
	const float in_scale = io->in[0].scale;
	const float out_scale = io->out[0].scale;
	bool quantized;
	const int rc = ztflm_abs_rsqrt_parse(ctx, io, p, &quantized);

	if (rc != ZTFLM_OK || !quantized || in_scale == out_scale) {
		return rc;
	}
	p->rescale = 1;
	/* TFLM divides in float before widening. */
	ztflm_quantize_multiplier((double)(in_scale / out_scale), &p->multiplier, &p->shift);
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_abs_s8_ref,
	&ztflm_abs_s16_ref,
	&ztflm_abs_f32_ref,
};

const struct ztflm_op ztflm_op_abs = ZTFLM_ABS_RSQRT_OP(ZTFLM_OP_ABS, parse, variants);
