/*
 * CONV_2D of int8 tensors with int8 weights, delegated to CMSIS-NN's arm_convolve_wrapper_s8
 * (1x1, 1xN and im2col paths, grouped and dilated included). Sizes CMSIS-NN cannot hold, input
 * offsets outside its 16-bit lanes, a missing bias and any status other than success run the
 * reference computation instead.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/conv_2d.h"

struct conv_call {
	cmsis_nn_conv_params conv;
	cmsis_nn_dims input;
	cmsis_nn_dims filter;
	cmsis_nn_dims bias;
	cmsis_nn_dims output;
};

static int cmsis_can(const struct ztflm_conv_params *p)
{
	const int32_t dims[] = {p->input_h,  p->input_w,  p->input_c,  p->filter_h,
				p->filter_w, p->filter_c, p->output_h, p->output_w,
				p->output_c, p->stride_h, p->stride_w, p->dilation_h,
				p->dilation_w, p->pad_h,   p->pad_w};

	for (uint32_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
		if (!ztflm_cmsis_dim_ok(dims[i])) {
			return 0;
		}
	}
	const uint64_t window = (uint64_t)p->filter_h * (uint64_t)p->filter_w;

	return p->batches > 0 && p->filter_c > 0 && p->stride_h > 0 && p->stride_w > 0 &&
	       ztflm_cmsis_offset_ok(p->input_offset) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->input_h *
				   (uint64_t)p->input_w * (uint64_t)p->input_c) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_h *
				   (uint64_t)p->output_w * (uint64_t)p->output_c) &&
	       ztflm_cmsis_size_ok(window * (uint64_t)p->input_c * (uint64_t)p->output_c * 4u);
}

static struct conv_call conv_call(const struct ztflm_conv_params *p)
{
	struct conv_call c = {
		.conv = {.input_offset = p->input_offset,
			 .output_offset = p->output_offset,
			 .stride = {.w = p->stride_w, .h = p->stride_h},
			 .padding = {.w = p->pad_w, .h = p->pad_h},
			 .dilation = {.w = p->dilation_w, .h = p->dilation_h},
			 .activation = {.min = p->act.q.min, .max = p->act.q.max}},
		.input = {p->batches, p->input_h, p->input_w, p->input_c},
		.filter = {p->output_c, p->filter_h, p->filter_w, p->filter_c},
		.bias = {1, 1, 1, p->output_c},
		.output = {p->batches, p->output_h, p->output_w, p->output_c},
	};
	return c;
}

/* CMSIS-NN's buffer size on this core; a grouped convolution always takes the im2col path. */
static int32_t native_buffer_bytes(const struct conv_call *c)
{
	return c->filter.c == c->input.c
		       ? arm_convolve_wrapper_s8_get_buffer_size(&c->conv, &c->input, &c->filter,
								 &c->output)
		       : arm_convolve_s8_get_buffer_size(&c->input, &c->filter);
}

/* The size scratch is planned with: this core's, or the core a host library plans for. */
static uint32_t cmsis_buffer_bytes(const struct ztflm_conv_params *p)
{
	const struct conv_call c = conv_call(p);
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

/* Scratch: CMSIS-NN's buffer, then (per-tensor) the multiplier and shift per channel. */
static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_conv_params *p = params;

	return cmsis_buffer_bytes(p) + (p->per_channel ? 0u : 8u * (uint32_t)p->output_c);
}

static void compute(const struct ztflm_conv_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int8_t *in, const int8_t *filter,
		    const int32_t *bias, int8_t *out, void *scratch)
{
	if (bias == NULL || (scratch == NULL && scratch_bytes(p) > 0)) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
	const struct conv_call c = conv_call(p);
	const uint32_t buf_bytes = cmsis_buffer_bytes(p);
#ifdef ZTFLM_CMSIS_NN_SIZES_FOR_TARGET
	if ((uint32_t)native_buffer_bytes(&c) > buf_bytes) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
		return;
	}
#endif
	cmsis_nn_context ctx = {.buf = buf_bytes > 0 ? scratch : NULL, .size = (int32_t)buf_bytes};
	/* CMSIS-NN only reads them (its struct members are not const). */
	cmsis_nn_per_channel_quant_params quant = {(int32_t *)(uintptr_t)multiplier,
						   (int32_t *)(uintptr_t)shift};

	if (!p->per_channel) {
		int32_t *m = (int32_t *)(void *)((uint8_t *)scratch + buf_bytes);

		ztflm_cmsis_expand_quant(p->output_c, multiplier[0], shift[0], m, m + p->output_c);
		quant.multiplier = m;
		quant.shift = m + p->output_c;
	}
	if (arm_convolve_wrapper_s8(&ctx, &c.conv, &quant, &c.input, in, &c.filter, filter,
				    &c.bias, bias, &c.output, out) != ARM_CMSIS_NN_SUCCESS) {
		ztflm_conv_2d_s8_reference(p, multiplier, shift, in, filter, bias, out, scratch);
	}
}

static bool can_run(const void *params)
{
	return cmsis_can(params);
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_conv_2d_s8_eval(ctx, params, compute);
}

ZTFLM_VARIANT(conv_2d_s8_cmsis_nn, ZTFLM_INT8, ZTFLM_INT8, eval, can_run, scratch_bytes);
