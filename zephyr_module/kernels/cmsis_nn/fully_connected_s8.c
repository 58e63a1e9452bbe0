/*
 * FULLY_CONNECTED of int8 tensors with int8 weights, delegated to CMSIS-NN's
 * arm_fully_connected_s8 (one multiplier and shift, filter zero point supported). Per-channel
 * weights (this CMSIS-NN has no per-channel fully connected kernel), sizes or offsets it cannot
 * take and any status other than success run the reference computation instead.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/fully_connected.h"

static int cmsis_can(const struct ztflm_fc_params *p)
{
	return !p->per_channel && p->batches > 0 && p->accum_depth > 0 && p->output_depth > 0 &&
	       ztflm_cmsis_offset_ok(p->input_offset) && ztflm_cmsis_offset_ok(p->filter_offset) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->accum_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_depth) &&
	       ztflm_cmsis_size_ok((uint64_t)p->accum_depth * (uint64_t)p->output_depth * 4u);
}

static cmsis_nn_dims filter_dims(const struct ztflm_fc_params *p)
{
	const cmsis_nn_dims d = {p->accum_depth, 1, 1, p->output_depth};

	return d;
}

/*
 * With Helium, CMSIS-NN wants each unit's weight sum in its buffer (it multiplies by the input
 * offset itself): arm_vector_sum_s8 with an offset of 1 and no bias, as TFLM calls it.
 */
static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_fc_params *p = params;

	const cmsis_nn_dims f = filter_dims(p);
#if defined(ZTFLM_CMSIS_NN_SIZES_MVE)
	const int32_t n = arm_fully_connected_s8_get_buffer_size_mve(&f);
#elif defined(ZTFLM_CMSIS_NN_SIZES_DSP)
	const int32_t n = arm_fully_connected_s8_get_buffer_size_dsp(&f);
#else
	const int32_t n = arm_fully_connected_s8_get_buffer_size(&f);
#endif

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const uint32_t buf_bytes = scratch_bytes(p);

	if (scratch == NULL && buf_bytes > 0) {
		ztflm_fully_connected_s8_reference(p, multiplier, shift, in, filter, bias, out,
						   scratch);
		return;
	}
	cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL, .size = (int32_t)buf_bytes};
	const cmsis_nn_fc_params fc = {.input_offset = p->input_offset,
				       .filter_offset = p->filter_offset,
				       .output_offset = p->output_offset,
				       .activation = {.min = p->act.q.min, .max = p->act.q.max}};
	const cmsis_nn_per_tensor_quant_params quant = {multiplier[0], shift[0]};
	const cmsis_nn_dims input = {p->batches, 1, 1, p->accum_depth};
	const cmsis_nn_dims f = filter_dims(p);
	const cmsis_nn_dims bias_dims = {1, 1, 1, p->output_depth};
	const cmsis_nn_dims output = {p->batches, 1, 1, p->output_depth};

	if (buf_bytes > 0 &&
	    arm_vector_sum_s8(scratch, p->accum_depth, p->output_depth, filter, 1, NULL) !=
		    ARM_CMSIS_NN_SUCCESS) {
		ztflm_fully_connected_s8_reference(p, multiplier, shift, in, filter, bias, out,
						   scratch);
		return;
	}
	if (arm_fully_connected_s8(&ctx, &fc, &quant, &input, in, &f, filter, &bias_dims, bias,
				   &output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_fully_connected_s8_reference(p, multiplier, shift, in, filter, bias, out,
						   scratch);
	}
}

static bool can_run(const void *params)
{
	return cmsis_can(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(fully_connected_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
