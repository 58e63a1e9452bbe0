/*
 * FULLY_CONNECTED of int8 tensors with INT4 weights (two a byte, as TFLite packs them),
 * delegated to CMSIS-NN's arm_fully_connected_s4 (one multiplier and shift, no filter zero
 * point), which reads them packed and needs no scratch. Its int32 sums and requantization are
 * its int8 kernels'. Per-channel weights, a filter zero point and input offsets outside its
 * lanes take the reference variant.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/fully_connected.h"

/* arm_fully_connected_s4 has no failing status: it checks nothing these checks do not. */
static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const cmsis_nn_context ctx = {.buf = scratch, .size = 0};
	const cmsis_nn_fc_params fc = {.input_offset = p->input_offset,
				       .output_offset = p->output_offset,
				       .activation = {.min = p->act.q.min, .max = p->act.q.max}};
	const cmsis_nn_per_tensor_quant_params quant = {multiplier[0], shift[0]};
	const cmsis_nn_dims input = {p->batches, 1, 1, p->accum_depth};
	const cmsis_nn_dims f = {p->accum_depth, 1, 1, p->output_depth};
	const cmsis_nn_dims bias_dims = {1, 1, 1, p->output_depth};
	const cmsis_nn_dims output = {p->batches, 1, 1, p->output_depth};

	(void)arm_fully_connected_s4(&ctx, &fc, &quant, &input, in, &f, filter, &bias_dims, bias,
				     &output, out);
}

static bool can_run(const void *params)
{
	const struct ztflm_fc_params *p = params;

	return p->filter_int4 && !p->per_channel && p->filter_offset == 0 &&
	       ztflm_cmsis_offset_ok(p->input_offset) && p->batches > 0 && p->accum_depth > 0 &&
	       p->output_depth > 0 &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->accum_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->accum_depth * (uint64_t)p->output_depth);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT_WEIGHTS(fully_connected_s4_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval,
		      can_run, NULL);
