/*
 * SOFTMAX on int16, delegated to CMSIS-NN's arm_softmax_s16 with TFLM's two tables (the op
 * data's, as TFLM's cmsis_nn kernel passes its own). CMSIS-NN departs from TFLM's
 * SoftmaxInt16 in two places, both found exhaustively over every row sum: it rounds the
 * normalized sum in int32, which wraps for sums from 2^18 - 1 whose top 18 bits are all set
 * (the reciprocal comes out twice TFLM's), and it narrows the output to int16 without TFLM's
 * clamp, so a row of one value (sum 32762) gives -32768 for TFLM's 32767. Every other row of
 * 2 to 8 values sums to between 32764 and 262096, where it is exact; other rows, and input
 * scales whose shifted differences could pass int32, run the reference variant.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "common/lut16.h"
#include "ops/softmax.h"

/* Each exp is 2..32762: 8 of them stay below 2^18 - 1. */
#define S16_MIN_DEPTH 2
#define S16_MAX_DEPTH 8

static bool can_run(const void *params)
{
	const struct ztflm_softmax_params *p = params;

	/* Differences reach -65535: 15 bits of left shift keep them inside int32. */
	return p->outer >= 0 && p->depth >= S16_MIN_DEPTH && p->depth <= S16_MAX_DEPTH &&
	       p->input_left_shift <= 15 &&
	       ztflm_cmsis_size_ok((uint64_t)p->outer * (uint64_t)p->depth);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_softmax_params *p = params;
	const int16_t *luts = ztflm_softmax_luts(p);
	const cmsis_nn_softmax_lut_s16 tables = {luts, luts + ZTFLM_LUT16_SIZE};

	/* Always succeeds: both tables are there. */
	(void)arm_softmax_s16(ztflm_input_data(ctx, 0), p->outer, p->depth, p->input_multiplier,
			      p->input_left_shift, &tables, ztflm_output_data(ctx, 0));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(softmax_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, NULL);
