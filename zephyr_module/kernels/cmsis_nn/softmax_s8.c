/*
 * SOFTMAX on int8 input, delegated to CMSIS-NN's arm_softmax_s8 and arm_softmax_s8_s16 (the
 * same gemmlowp fixed point as TFLM's reference). CMSIS-NN sums the exponentials without the
 * reference's guards: rows long enough for that sum to reach 2^28 (int8 out: the output shift
 * passes 31) or 2^31 (int16 out: it wraps) run the reference variant, as do input shifts
 * past 30 and empty rows.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/softmax.h"

/* Each exponential adds at most 2^19 (1.0 in Q12.19). */
#define INT8_OUT_MAX_DEPTH 511
#define INT16_OUT_MAX_DEPTH 4095

static bool fits(const struct ztflm_softmax_params *p, int32_t max_depth)
{
	return p->outer >= 0 && p->depth >= 1 && p->depth <= max_depth &&
	       p->input_left_shift >= 0 && p->input_left_shift <= 30 &&
	       ztflm_cmsis_size_ok((uint64_t)p->outer * (uint64_t)p->depth);
}

static bool s8_can_run(const void *params)
{
	return fits(params, INT8_OUT_MAX_DEPTH);
}

static bool s8_s16_can_run(const void *params)
{
	return fits(params, INT16_OUT_MAX_DEPTH);
}

static int s8_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_softmax_params *p = params;

	arm_softmax_s8(ztflm_input_data(ctx, 0), p->outer, p->depth, p->input_multiplier,
		       p->input_left_shift, p->diff_min, ztflm_output_data(ctx, 0));
	return ZTFLM_OK;
}

static int s8_s16_eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_softmax_params *p = params;

	arm_softmax_s8_s16(ztflm_input_data(ctx, 0), p->outer, p->depth, p->input_multiplier,
			   p->input_left_shift, p->diff_min, ztflm_output_data(ctx, 0));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(softmax_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, s8_eval, s8_can_run, NULL);
ZTFLM_VARIANT(softmax_s8_s16_cmsis_nn, ZTFLM_INT8, ZTFLM_INT16, s8_s16_eval, s8_s16_can_run,
	      NULL);
