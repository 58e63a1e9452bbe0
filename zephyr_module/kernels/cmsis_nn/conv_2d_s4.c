/*
 * CONV_2D of int8 tensors with INT4 weights (two a byte, as TFLite packs them), delegated to
 * CMSIS-NN's arm_convolve_wrapper_s4, which reads them packed: no unpacked copy. Its int32
 * sums and requantization are its int8 kernels'. Grouped convolutions, sizes CMSIS-NN cannot
 * hold, input offsets outside its lanes, a missing bias and any status other than success run
 * the reference computation instead.
 */
#include "cmsis_nn/conv.h"

#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
/* This core's size, where the plan is a target's: a larger one declines the node. */
static int32_t native_buffer_bytes(const struct ztflm_cmsis_conv_call *c)
{
	return arm_convolve_wrapper_s4_get_buffer_size(&c->conv, &c->input, &c->filter,
						       &c->output);
}
#endif

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_conv_params *p)
{
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
	const int32_t n = ZTFLM_CMSIS_SIZE(arm_convolve_wrapper_s4_get_buffer_size)(
		&c.conv, &c.input, &c.filter, &c.output);

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

/* At least the reference computation's one unpacked channel, for a node declined at run time. */
static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return ztflm_cmsis_conv_scratch(cmsis_buffer_bytes(p), p->per_channel, p->output_c,
					ztflm_conv_2d_int4_scratch(p));
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);

	if (bias == NULL || scratch == NULL
#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
	    || (uint32_t)native_buffer_bytes(&c) > buf_bytes
#endif
	) {
		ztflm_conv_2d_s4_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
	const cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL,
				      .size = (int32_t)buf_bytes};
	const cmsis_nn_per_channel_quant_params quant =
		ztflm_cmsis_quant(p->per_channel, p->output_c, multiplier, shift,
				  (uint8_t *)scratch + buf_bytes);

	if (arm_convolve_wrapper_s4(&ctx, &c.conv, &quant, &c.input, in, &c.filter, filter,
				    &c.bias, bias, &c.output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_conv_2d_s4_reference(p, multiplier, shift, in, filter, bias, out, scratch);
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return p->filter_int4 && p->filter_c == p->input_c && ztflm_cmsis_conv_sizes_ok(p) &&
	       ztflm_cmsis_offset_ok(p->input_offset);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT_WEIGHTS(conv_2d_s4_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval, can_run,
		      scratch_bytes);
