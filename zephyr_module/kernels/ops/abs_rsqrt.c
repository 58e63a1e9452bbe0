/* The parse ABS and RSQRT share (TFLM's PrepareAbsRsqrt). */
#include "ops/abs_rsqrt.h"

int ztflm_abs_rsqrt_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			  struct ztflm_abs_rsqrt_params *p, bool *quantized)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	int rc = ztflm_unary_parse(ctx, io, p);

	*quantized = false;
	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	if (in->type == ZTFLM_INT16 && in->scale_count == 0) {
		/* Unquantized int16: the raw absolute value, cut to 16 bits. */
		p->min = INT32_MIN;
		p->max = INT32_MAX;
		return ZTFLM_OK;
	}
	for (int32_t i = 0; i < 2; i++) {
		const struct ztflm_tensor *t = i == 0 ? in : out;

		rc = ztflm_check_quant(ctx, i == 0 ? "input" : "output", t);
		if (rc != ZTFLM_OK) {
			return rc;
		}
		ZTFLM_CHECK(ctx, t->type != ZTFLM_INT16 || t->zero_point == 0,
			    ZTFLM_ERR_UNSUPPORTED, "int16 tensor %d needs a zero point of 0, not %d",
			    (int)t->index, (int)t->zero_point);
	}
	*quantized = true;
	p->input_offset = in->zero_point;
	p->output_offset = out->zero_point;
	p->min = in->type == ZTFLM_INT8 ? INT8_MIN : INT16_MIN;
	p->max = in->type == ZTFLM_INT8 ? INT8_MAX : INT16_MAX;
	return ZTFLM_OK;
}
