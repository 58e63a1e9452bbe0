/* What the overlay's CONV_2D variants (s8, s16, s4) share: the sizes CMSIS-NN can hold and
 * the call's parameters. */
#ifndef ZTFLM_KERNELS_CMSIS_NN_CONV_H_
#define ZTFLM_KERNELS_CMSIS_NN_CONV_H_

#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/conv_2d.h"

struct ztflm_cmsis_conv_call {
	cmsis_nn_conv_params conv;
	cmsis_nn_dims input;
	cmsis_nn_dims filter;
	cmsis_nn_dims bias;
	cmsis_nn_dims output;
};

/* Every size in CMSIS-NN's range and every product of sizes in int32. */
static inline bool ztflm_cmsis_conv_sizes_ok(const struct ztflm_conv_params *p)
{
	const int32_t dims[] = {p->input_h,  p->input_w,  p->input_c,  p->filter_h,
				p->filter_w, p->filter_c, p->output_h, p->output_w,
				p->output_c, p->stride_h, p->stride_w, p->dilation_h,
				p->dilation_w, p->pad_h,   p->pad_w};

	for (uint32_t i = 0; i < sizeof(dims) / sizeof(dims[0]); i++) {
		if (!ztflm_cmsis_dim_ok(dims[i])) {
			return false;
		}
	}
	const uint64_t window = (uint64_t)p->filter_h * (uint64_t)p->filter_w;

	return p->batches > 0 && p->filter_c > 0 && p->stride_h > 0 && p->stride_w > 0 &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->input_h *
				   (uint64_t)p->input_w * (uint64_t)p->input_c) &&
	       ztflm_cmsis_size_ok((uint64_t)p->batches * (uint64_t)p->output_h *
				   (uint64_t)p->output_w * (uint64_t)p->output_c) &&
	       ztflm_cmsis_size_ok(window * (uint64_t)p->input_c * (uint64_t)p->output_c * 4u);
}

static inline struct ztflm_cmsis_conv_call ztflm_cmsis_conv_call(const struct ztflm_conv_params *p)
{
	struct ztflm_cmsis_conv_call c = {
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

#endif /* ZTFLM_KERNELS_CMSIS_NN_CONV_H_ */
