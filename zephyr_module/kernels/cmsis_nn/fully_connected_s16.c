/*
 * FULLY_CONNECTED 16x8 delegated to CMSIS-NN's arm_fully_connected_s16 (one multiplier and
 * shift, int64 bias, no zero points), where its sums and requantization give TFLM's results
 * for every input (ztflm_cmsis_s16_exact, checked on the node's weights and bias at each run).
 * Per-channel weights, INT4 weights, an int32 bias and zero points run the reference
 * computation instead.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/fully_connected.h"

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_fc_params *p = params;
	const cmsis_nn_dims f = {p->accum_depth, 1, 1, p->output_depth};
	const int32_t n = ZTFLM_CMSIS_SIZE(arm_fully_connected_s16_get_buffer_size)(&f);

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const uint32_t buf_bytes = scratch_bytes(p);

	if ((scratch == NULL && buf_bytes > 0u) ||
	    !ztflm_cmsis_s16_exact(filter, (uint32_t)p->output_depth, (uint32_t)p->accum_depth,
				   (uint32_t)p->accum_depth, 1u, bias, false, multiplier, shift,
				   0u)) {
		ztflm_fully_connected_s16_reference(p, multiplier, shift, in, filter, bias, out,
						    scratch);
		return;
	}
	const cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL,
				      .size = (int32_t)buf_bytes};
	const cmsis_nn_fc_params fc = {.activation = {.min = p->act.q.min, .max = p->act.q.max}};
	const cmsis_nn_per_tensor_quant_params quant = {multiplier[0], shift[0]};
	const cmsis_nn_dims input = {p->batches, 1, 1, p->accum_depth};
	const cmsis_nn_dims f = {p->accum_depth, 1, 1, p->output_depth};
	const cmsis_nn_dims bias_dims = {1, 1, 1, p->output_depth};
	const cmsis_nn_dims output = {p->batches, 1, 1, p->output_depth};

	/* An int64 in the model is 4-byte aligned only: Cortex-M's LDRD needs no more. */
	if (arm_fully_connected_s16(&ctx, &fc, &quant, &input, in, &f, filter, &bias_dims, bias,
				    &output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_fully_connected_s16_reference(p, multiplier, shift, in, filter, bias, out,
						    scratch);
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_fc_params *p = params;

	return !p->per_channel && !p->filter_int4 && !p->acc32 && p->input_offset == 0 &&
	       p->filter_offset == 0 && p->output_offset == 0 && p->batches > 0 &&
	       p->accum_depth > 0 && p->output_depth > 0 &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->accum_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->accum_depth * (uint64_t)p->output_depth);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(fully_connected_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run,
	      scratch_bytes);
