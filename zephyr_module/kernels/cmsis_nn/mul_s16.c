/*
 * MUL of int16 tensors, delegated to CMSIS-NN's arm_elementwise_mul_s16 row by row wherever
 * both inputs are contiguous along the innermost loop of the broadcast nest, as the int8
 * variant. CMSIS-NN ignores the zero points (TFLM's int16 MUL has none) and shifts the int32
 * product left in plain int32 arithmetic: an output rescale of 1 or more, where a product of
 * -32768 by -32768 would overflow there, runs the reference computation.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/mul.h"

static bool can_run(const void *params)
{
	const struct ztflm_mul_params *p = params;
	const struct ztflm_bcast *b = ztflm_binary_bcast(p, sizeof(*p));
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);

	return b->ndims > 0 && d[0].a_stride == 1 && d[0].b_stride == 1 &&
	       d[0].count <= (uint32_t)INT32_MAX && p->output_shift <= 0 &&
	       p->input1_offset == 0 && p->input2_offset == 0 && p->output_offset == 0;
}

/* One innermost run: both inputs are contiguous along it (can_run). */
static void mul_row(const void *params, const void *x, uint32_t sa, const void *y, uint32_t sb,
		    void *out, uint32_t n)
{
	const struct ztflm_mul_params *p = params;

	(void)sa;
	(void)sb;
	/* Always succeeds: it checks nothing these rows could fail. */
	(void)arm_elementwise_mul_s16(x, y, 0, 0, out, 0, p->output_multiplier, p->output_shift,
				      p->act.q.min, p->act.q.max, (int32_t)n);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_binary_eval(ctx, params, sizeof(struct ztflm_mul_params), 2u, 2u, mul_row);
}

ZTFLM_VARIANT(mul_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, NULL);
