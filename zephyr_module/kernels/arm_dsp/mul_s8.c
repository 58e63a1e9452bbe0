/*
 * MUL of int8 tensors with broadcasting (Arm DSP extension): the reference arithmetic with
 * the requantization split once per call, and SSAT when the activation range is the whole
 * int8 range.
 */
#include "arm_dsp/dsp.h"
#include "ops/mul.h"

/* One innermost run of n elements, input strides sa and sb (0 or 1). */
static void mul_row(const void *params, const void *x_, uint32_t sa, const void *y_, uint32_t sb,
		    void *out_, uint32_t n)
{
	const struct ztflm_mul_params *p = params;
	const int8_t *restrict x = x_;
	const int8_t *restrict y = y_;
	int8_t *restrict out = out_;
	const int32_t off1 = p->input1_offset;
	const int32_t off2 = p->input2_offset;
	const int32_t out_offset = p->output_offset;
	const int32_t lo = p->act.q.min;
	const int32_t hi = p->act.q.max;
	struct ztflm_dsp_qparam q;

	ztflm_dsp_qparam_of(p->output_multiplier, p->output_shift, &q);
	for (uint32_t i = 0; i < n; i++) {
		const int32_t prod = (off1 + *x) * (off2 + *y);

		out[i] = ztflm_dsp_out_q(prod, &q, out_offset, lo, hi);
		x += sa;
		y += sb;
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_binary_eval(ctx, params, sizeof(struct ztflm_mul_params), 1u, 1u, mul_row);
}

ZTFLM_VARIANT(mul_s8_arm_dsp, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
