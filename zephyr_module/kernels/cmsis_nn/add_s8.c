/*
 * ADD of int8 tensors, delegated to CMSIS-NN's arm_elementwise_add_s8 row by row wherever both
 * inputs are contiguous along the innermost loop of the broadcast nest (every plain element-wise
 * add, and broadcasts of whole rows). Scalar broadcasts along the row, and parameters outside
 * what CMSIS-NN computes exactly, run the reference computation.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "common/quant.h"
#include "ops/add_sub.h"

/* The reference kernel, compiled here under another name: the fallback is the reference itself. */
void ztflm_add_s8_reference(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
			    const int8_t *in1, const int8_t *in2, int8_t *out);
#define ztflm_add_s8 ztflm_add_s8_reference
#include "reference/add_s8.c"
#undef ztflm_add_s8

/*
 * The DSP path takes (x + offset) from a 16-bit lane as unsigned and shifts it left: exact
 * only when the shift pushes those 16 bits' sign extension out, so at least 16 (TFLM uses 20);
 * at most 22 keeps 255 << shift inside int32. Its rescales are right shifts only.
 */
static int cmsis_can(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b)
{
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);

	return b->ndims > 0 && d[0].a_stride == 1 && d[0].b_stride == 1 &&
	       d[0].count <= (uint32_t)INT32_MAX && p->left_shift >= 16 && p->left_shift <= 22 &&
	       p->input1_shift <= 0 && p->input2_shift <= 0 && p->output_shift <= 0 &&
	       ztflm_cmsis_offset_ok(p->input1_offset) && ztflm_cmsis_offset_ok(p->input2_offset);
}

void ztflm_add_s8(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out)
{
	if (!cmsis_can(p, b)) {
		ztflm_add_s8_reference(p, b, in1, in2, out);
		return;
	}
	const uint32_t ndims = b->ndims;
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint32_t n = d[0].count;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	do {
		/* Always succeeds: it checks nothing these rows could fail. */
		(void)arm_elementwise_add_s8(in1 + ia, in2 + ib, p->input1_offset,
					     p->input1_multiplier, p->input1_shift,
					     p->input2_offset, p->input2_multiplier,
					     p->input2_shift, p->left_shift, out, p->output_offset,
					     p->output_multiplier, p->output_shift, p->act.q.min,
					     p->act.q.max, (int32_t)n);
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
