/*
 * DEPTHWISE_CONV_2D of int8 tensors with INT4 weights (two a byte, as TFLite packs them),
 * delegated to CMSIS-NN, which reads them packed: arm_depthwise_conv_wrapper_s4, or on Helium
 * arm_depthwise_conv_s4 alone. Its int32 sums and requantization are its int8 kernels'.
 *
 * Measured against TFLM's reference (tests/host/test_cmsis_nn_16x8_int4.py, on the host and
 * in the QEMU kernel suite), although TFLM's own cmsis_nn kernel calls both: the general path,
 * arm_depthwise_conv_s4, differs on an odd number of input channels, and Helium's
 * arm_depthwise_conv_s4_opt differs on every node tried (M55), so those nodes run the general
 * path or the reference variant. Sizes CMSIS-NN cannot hold, input offsets outside its lanes,
 * a missing bias and any status other than success run the reference computation too.
 */
#include "cmsis_nn/depthwise.h"

/* Helium, or a host library planning for it: the general path only. */
#if defined(ARM_MATH_MVEI) || defined(ZTFLM_CMSIS_NN_SIZES_MVE)
#define GENERAL_ONLY 1
#else
#define GENERAL_ONLY 0
#endif

/*
 * Whether the wrapper takes its optimized path (depth multiplier 1, one batch, no dilation),
 * as opposed to arm_depthwise_conv_s4.
 */
static bool opt_path(const struct ztflm_dw_conv_params *p)
{
	return !GENERAL_ONLY && p->depth_multiplier == 1 && p->batches == 1 &&
	       p->dilation_h == 1 && p->dilation_w == 1;
}

#if defined(ZTFLM_CMSIS_NN_SIZES_FOR_TARGET) && !GENERAL_ONLY
/* This core's size, where the plan is a target's: a larger one declines the node. */
static int32_t native_buffer_bytes(const struct ztflm_cmsis_dw_call *c)
{
	return arm_depthwise_conv_wrapper_s4_get_buffer_size(&c->conv, &c->input, &c->filter,
							      &c->output);
}
#endif

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_dw_conv_params *p)
{
#if GENERAL_ONLY
	(void)p;
	return 0u; /* arm_depthwise_conv_s4 takes no buffer */
#else
	const struct ztflm_cmsis_dw_call c = ztflm_cmsis_dw_call(p);
	const int32_t n = ZTFLM_CMSIS_SIZE(arm_depthwise_conv_wrapper_s4_get_buffer_size)(
		&c.conv, &c.input, &c.filter, &c.output);

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
#endif
}

/* At least the reference computation's one unpacked channel, for a node declined at run time. */
static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return ztflm_cmsis_conv_scratch(cmsis_buffer_bytes(p), p->per_channel, p->output_c,
					ztflm_depthwise_conv_2d_int4_scratch(p));
}

static void compute(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	const struct ztflm_cmsis_dw_call c = ztflm_cmsis_dw_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);

	if (bias == NULL || scratch == NULL
#if defined(ZTFLM_CMSIS_NN_SIZES_FOR_TARGET) && !GENERAL_ONLY
	    || (uint32_t)native_buffer_bytes(&c) > buf_bytes
#endif
	) {
		ztflm_depthwise_conv_2d_s4_reference(p, multiplier, shift, in, filter, bias, out,
						     scratch);
		return;
	}
	const cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL,
				      .size = (int32_t)buf_bytes};
	const cmsis_nn_per_channel_quant_params quant =
		ztflm_cmsis_quant(p->per_channel, p->output_c, multiplier, shift,
				  (uint8_t *)scratch + buf_bytes);
	const arm_cmsis_nn_status status =
		GENERAL_ONLY ? arm_depthwise_conv_s4(&ctx, &c.conv, &quant, &c.input, in, &c.filter,
						     filter, &c.bias, bias, &c.output, out)
			     : arm_depthwise_conv_wrapper_s4(&ctx, &c.conv, &quant, &c.input, in,
							     &c.filter, filter, &c.bias, bias,
							     &c.output, out);

	if (status != ARM_CMSIS_NN_SUCCESS) {
		ztflm_depthwise_conv_2d_s4_reference(p, multiplier, shift, in, filter, bias, out,
						     scratch);
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return p->filter_int4 && ztflm_cmsis_dw_sizes_ok(p) &&
	       ztflm_cmsis_offset_ok(p->input_offset) && (opt_path(p) || p->input_c % 2 == 0);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT_WEIGHTS(depthwise_conv_2d_s4_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, ZTFLM_INT4, eval,
		      can_run, scratch_bytes);
