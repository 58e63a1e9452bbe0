/* RSQRT: element-wise; float32, int8 and int16 (both quantized). */
#include <math.h>

#include "common/quant.h"
#include "ops/abs_rsqrt.h"

/* The kernel's fixed 2^20 headroom leaves the output shift 20 below the multiplier's. */
#define RSQRT_SHIFT 20

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_abs_rsqrt_params *p = params;
	bool quantized;
	const int rc = ztflm_abs_rsqrt_parse(ctx, io, p, &quantized);

	if (rc != ZTFLM_OK || io->in[0].type == ZTFLM_FLOAT32) {
		return rc;
	}
	/* TFLM leaves an unquantized int16 RSQRT's multiplier at 0: everything but 0 gives 0. */
	ZTFLM_CHECK(ctx, quantized, ZTFLM_ERR_UNSUPPORTED, "input tensor %d is not quantized",
		    (int)io->in[0].index);
	/* TFLM's float sqrt and product, then the reciprocal in double. */
	const float root_scale = sqrtf(io->in[0].scale) * io->out[0].scale;

	ztflm_quantize_multiplier(1.0 / (double)root_scale, &p->multiplier, &p->shift);
	ZTFLM_CHECK(ctx, p->shift - RSQRT_SHIFT >= -31 && p->shift - RSQRT_SHIFT <= 31,
		    ZTFLM_ERR_UNSUPPORTED,
		    "1 / (sqrt(input scale) * output scale) is outside 2^-12 to 2^51");
	p->shift -= RSQRT_SHIFT;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_rsqrt_s8_ref,
	&ztflm_rsqrt_s16_ref,
	&ztflm_rsqrt_f32_ref,
};

const struct ztflm_op ztflm_op_rsqrt = ZTFLM_ABS_RSQRT_OP(ZTFLM_OP_RSQRT, parse, variants);
