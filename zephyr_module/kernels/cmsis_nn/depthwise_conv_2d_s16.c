/*
 * DEPTHWISE_CONV_2D 16x8 delegated to CMSIS-NN's arm_depthwise_conv_wrapper_s16 (its fast path
 * for depth multiplier 1, undilated windows under 512 taps; the general one otherwise), where
 * its sums and requantization give TFLM's results for every input (ztflm_cmsis_s16_exact,
 * checked on the node's weights and bias at each run). INT4 weights and any status other than
 * success run the reference computation instead.
 */
#include "cmsis_nn/depthwise.h"

#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
/* This core's size, where the plan is a target's: a larger one declines the node. */
static int32_t native_buffer_bytes(const struct ztflm_cmsis_dw_call *c)
{
	return arm_depthwise_conv_wrapper_s16_get_buffer_size(&c->conv, &c->input, &c->filter,
							       &c->output);
}
#endif

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_dw_conv_params *p)
{
	const struct ztflm_cmsis_dw_call c = ztflm_cmsis_dw_call(p);
	const int32_t n = ZTFLM_CMSIS_SIZE(arm_depthwise_conv_wrapper_s16_get_buffer_size)(
		&c.conv, &c.input, &c.filter, &c.output);

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return ztflm_cmsis_conv_scratch(cmsis_buffer_bytes(p), p->per_channel, p->output_c, 0u);
}

static void compute(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const struct ztflm_cmsis_dw_call c = ztflm_cmsis_dw_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);
	const uint32_t taps = (uint32_t)p->filter_h * (uint32_t)p->filter_w;

	if ((scratch == NULL && scratch_bytes(p) > 0u) ||
#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
	    (uint32_t)native_buffer_bytes(&c) > buf_bytes ||
#endif
	    !ztflm_cmsis_s16_exact(filter, (uint32_t)p->output_c, taps, 1u,
				   (uint32_t)p->output_c, bias, false, multiplier, shift,
				   p->per_channel ? 1u : 0u)) {
		ztflm_depthwise_conv_2d_s16_reference(p, multiplier, shift, in, filter, bias, out,
						      scratch);
		return;
	}
	const cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL,
				      .size = (int32_t)buf_bytes};
	const cmsis_nn_per_channel_quant_params quant =
		ztflm_cmsis_quant(p->per_channel, p->output_c, multiplier, shift,
				  (uint8_t *)scratch + buf_bytes);

	/* An int64 in the model is 4-byte aligned only: Cortex-M's LDRD needs no more. */
	if (arm_depthwise_conv_wrapper_s16(&ctx, &c.conv, &quant, &c.input, in, &c.filter, filter,
					   &c.bias, bias, &c.output, out) !=
	    ARM_CMSIS_NN_SUCCESS) {
		ztflm_depthwise_conv_2d_s16_reference(p, multiplier, shift, in, filter, bias, out,
						      scratch);
	}
}

/* TFLM reads a 16x8 depthwise bias as int64 only (the parse refuses int32 ones). */
static bool can_run(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return !p->filter_int4 && !p->acc32 && ztflm_cmsis_dw_sizes_ok(p);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_depthwise_conv_2d_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(depthwise_conv_2d_s16_cmsis_nn, ZTFLM_INT16, ZTFLM_INT16, eval, can_run,
	      scratch_bytes);
