/*
 * CONV_2D 16x8 delegated to CMSIS-NN's arm_convolve_wrapper_s16 (int64 or int32 bias, dilated
 * included), where its int32 sums and requantization give TFLM's results for every input
 * (ztflm_cmsis_s16_exact, checked on the node's weights and bias at each run). INT4 weights,
 * grouped convolutions, windows of 65536 values or more (its column counters are 16-bit) and
 * any status other than success run the reference computation instead.
 */
#include "cmsis_nn/conv.h"

static uint32_t depth(const struct ztflm_conv_params *p)
{
	return (uint32_t)p->filter_h * (uint32_t)p->filter_w * (uint32_t)p->filter_c;
}

#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
/* This core's size, where the plan is a target's: a larger one declines the node. */
static int32_t native_buffer_bytes(const struct ztflm_cmsis_conv_call *c)
{
	return arm_convolve_wrapper_s16_get_buffer_size(&c->conv, &c->input, &c->filter,
							&c->output);
}
#endif

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_conv_params *p)
{
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
	const int32_t n = ZTFLM_CMSIS_SIZE(arm_convolve_wrapper_s16_get_buffer_size)(
		&c.conv, &c.input, &c.filter, &c.output);

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return ztflm_cmsis_conv_scratch(cmsis_buffer_bytes(p), p->per_channel, p->output_c, 0u);
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);

	if (scratch == NULL || buf_bytes == 0u ||
#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
	    (uint32_t)native_buffer_bytes(&c) > buf_bytes ||
#endif
	    !ztflm_cmsis_s16_exact(filter, (uint32_t)p->output_c, depth(p), depth(p), 1u, bias,
				   p->acc32, multiplier, shift, p->per_channel ? 1u : 0u)) {
		ztflm_conv_2d_s16_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
	const cmsis_nn_context ctx = {.buf = scratch, .size = (int32_t)buf_bytes};
	const cmsis_nn_per_channel_quant_params quant =
		ztflm_cmsis_quant(p->per_channel, p->output_c, multiplier, shift,
				  (uint8_t *)scratch + buf_bytes);
	const cmsis_nn_bias_data bias_data = {.data = bias, .is_int32_bias = p->acc32 != 0u};

	if (arm_convolve_wrapper_s16(&ctx, &c.conv, &quant, &c.input, in, &c.filter, filter,
				     &c.bias, &bias_data, &c.output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_conv_2d_s16_reference(p, multiplier, shift, in, filter, bias, out, scratch);
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return !p->filter_int4 && p->filter_c == p->input_c && ztflm_cmsis_conv_sizes_ok(p) &&
	       depth(p) <= 0xFFFFu;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run, scratch_bytes);
