/*
 * CONV_2D of int8 tensors with int8 weights, delegated to CMSIS-NN's arm_convolve_wrapper_s8
 * (1x1, 1xN and im2col paths, grouped and dilated included). Sizes CMSIS-NN cannot hold, input
 * offsets outside its 16-bit lanes, a missing bias and any status other than success run the
 * reference computation instead.
 */
#include "cmsis_nn/conv.h"

/* CMSIS-NN's buffer size on this core; a grouped convolution always takes the im2col path. */
static int32_t native_buffer_bytes(const struct ztflm_cmsis_conv_call *c)
{
	return c->filter.c == c->input.c
		       ? arm_convolve_wrapper_s8_get_buffer_size(&c->conv, &c->input, &c->filter,
								 &c->output)
		       : arm_convolve_s8_get_buffer_size(&c->input, &c->filter);
}

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_conv_params *p)
{
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
#if defined(ZTFLM_CMSIS_NN_SIZES_MVE)
	/* Helium's im2col for groups: four columns of the input depth rounded up to 16 bytes. */
	const int32_t n = c.filter.c == c.input.c
				  ? arm_convolve_wrapper_s8_get_buffer_size_mve(&c.conv, &c.input,
										&c.filter, &c.output)
				  : 4 * ((c.input.c * c.filter.w * c.filter.h + 15) / 16) * 16;
#elif defined(ZTFLM_CMSIS_NN_SIZES_DSP)
	/* Without Helium the generic query is the DSP one (arm_convolve_s8_get_buffer_size too). */
	const int32_t n = c.filter.c == c.input.c
				  ? arm_convolve_wrapper_s8_get_buffer_size_dsp(&c.conv, &c.input,
										&c.filter, &c.output)
				  : arm_convolve_s8_get_buffer_size(&c.input, &c.filter);
#else
	const int32_t n = native_buffer_bytes(&c);
#endif

	return n > 0 ? ztflm_cmsis_align4((uint32_t)n) : 0u;
}

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return ztflm_cmsis_conv_scratch(cmsis_buffer_bytes(p), p->per_channel, p->output_c, 0u);
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	if (bias == NULL || (scratch == NULL && scratch_bytes(p) > 0)) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
	const struct ztflm_cmsis_conv_call c = ztflm_cmsis_conv_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);
#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
	if ((uint32_t)native_buffer_bytes(&c) > buf_bytes) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
#endif
	cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL, .size = (int32_t)buf_bytes};
	const cmsis_nn_per_channel_quant_params quant =
		ztflm_cmsis_quant(p->per_channel, p->output_c, multiplier, shift,
				  (uint8_t *)scratch + buf_bytes);

	if (arm_convolve_wrapper_s8(&ctx, &c.conv, &quant, &c.input, in, &c.filter, filter,
				    &c.bias, bias, &c.output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return ztflm_cmsis_conv_sizes_ok(p) && ztflm_cmsis_offset_ok(p->input_offset);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
