/*
 * MUL of int8 tensors with broadcasting (Arm DSP extension): the reference arithmetic with
 * the requantization split once per call, and SSAT when the activation range is the whole
 * int8 range.
 */
#include "arm_dsp/dsp.h"
#include "common/quant.h"
#include "ops/mul.h"

/* One innermost run of n elements, input strides sa and sb (0 or 1). */
__attribute__((noinline)) static void mul_run(const struct ztflm_dsp_qparam *restrict qp,
					      int32_t off1, int32_t off2, int32_t out_offset,
					      const int8_t *restrict x, uint32_t sa,
					      const int8_t *restrict y, uint32_t sb, uint32_t n,
					      int32_t lo, int32_t hi, int8_t *restrict out)
{
	const struct ztflm_dsp_qparam q = *qp;

	for (uint32_t i = 0; i < n; i++) {
		const int32_t prod = (off1 + *x) * (off2 + *y);

		out[i] = ztflm_dsp_out_q(prod, &q, out_offset, lo, hi);
		x += sa;
		y += sb;
	}
}

void ztflm_mul_s8(const struct ztflm_mul_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out)
{
	const uint32_t ndims = b->ndims;

	if (ndims == 0) {
		return;
	}
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint32_t n = d[0].count;
	const uint32_t sa = d[0].a_stride;
	const uint32_t sb = d[0].b_stride;
	struct ztflm_dsp_qparam q;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	ztflm_dsp_qparam_of(p->output_multiplier, p->output_shift, &q);
	do {
		mul_run(&q, p->input1_offset, p->input2_offset, p->output_offset, in1 + ia, sa,
			in2 + ib, sb, n, p->act.q.min, p->act.q.max, out);
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
