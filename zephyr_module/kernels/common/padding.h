/* Output size and padding of a 2-D window (convolutions, pooling), as TFLM computes them. */
#ifndef ZTFLM_KERNELS_COMMON_PADDING_H_
#define ZTFLM_KERNELS_COMMON_PADDING_H_

#include <stdint.h>

#include <ztflm/types.h>

/** Padding before the first row/column; the offset is the extra padding after the last one. */
struct ztflm_padding_values {
	int32_t height;
	int32_t width;
	int32_t height_offset;
	int32_t width_offset;
};

/* One dimension; returns 0, or -1 for arguments TFLM rejects (the sizes are then left 0). */
static inline int ztflm_padding_1d(int32_t padding, int32_t in, int32_t filter, int32_t stride,
				   int32_t dilation, int32_t *out, int32_t *pad, int32_t *offset)
{
	if ((padding != ZTFLM_PADDING_SAME && padding != ZTFLM_PADDING_VALID) || in < 0 ||
	    filter <= 0 || stride <= 0 || dilation <= 0) {
		return -1;
	}
	const int64_t eff = ((int64_t)filter - 1) * dilation + 1;
	int64_t n;

	if (padding == ZTFLM_PADDING_SAME) {
		n = ((int64_t)in + stride - 1) / stride;
	} else {
		n = ((int64_t)in + stride - eff) / stride;
	}
	if (n < 0 || n > INT32_MAX) {
		return -1;
	}
	int64_t total = (n - 1) * stride + eff - in;

	total = total > 0 ? total : 0;
	if (total / 2 > INT32_MAX) {
		return -1;
	}
	*out = (int32_t)n;
	*offset = (int32_t)(total % 2);
	*pad = (int32_t)(total / 2);
	return 0;
}

/**
 * TFLM ComputePaddingHeightWidth: output height and width and the padding for
 * padding (enum ztflm_padding). Returns 0, or -1 for invalid arguments, in which
 * case (like TFLM) the outputs and paddings are 0.
 */
static inline int ztflm_compute_padding(int32_t padding, int32_t stride_h, int32_t stride_w,
					int32_t dilation_h, int32_t dilation_w, int32_t in_h,
					int32_t in_w, int32_t filter_h, int32_t filter_w,
					int32_t *out_h, int32_t *out_w,
					struct ztflm_padding_values *pad)
{
	*out_h = 0;
	*out_w = 0;
	pad->height = 0;
	pad->width = 0;
	pad->height_offset = 0;
	pad->width_offset = 0;
	if (ztflm_padding_1d(padding, in_w, filter_w, stride_w, dilation_w, out_w, &pad->width,
			     &pad->width_offset) != 0 ||
	    ztflm_padding_1d(padding, in_h, filter_h, stride_h, dilation_h, out_h, &pad->height,
			     &pad->height_offset) != 0) {
		return -1;
	}
	return 0;
}

#endif /* ZTFLM_KERNELS_COMMON_PADDING_H_ */
