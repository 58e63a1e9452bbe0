/* CONV_2D: parameters and compute functions (NHWC input, OHWI filter, grouped if shallower). */
#ifndef ZTFLM_KERNELS_OPS_CONV_2D_H_
#define ZTFLM_KERNELS_OPS_CONV_2D_H_

#include <stdint.h>

struct ztflm_conv_params {
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t input_c;
	int32_t filter_h;
	int32_t filter_w;
	int32_t filter_c; /**< input channels per group: input_c is a multiple of it */
	int32_t output_h;
	int32_t output_w;
	int32_t output_c;
	int32_t stride_h;
	int32_t stride_w;
	int32_t dilation_h;
	int32_t dilation_w;
	int32_t pad_h; /**< rows of zero padding above the input */
	int32_t pad_w;
	int32_t input_offset;  /**< minus the input zero point */
	int32_t output_offset; /**< the output zero point */
	int32_t per_channel;   /**< 1: multiplier and shift per output channel; 0: one for all */
	union {
		struct {
			int32_t min;
			int32_t max;
		} q;
		struct {
			float min;
			float max;
		} f;
	} act;
};

/*
 * int8: multiplier and shift (left if > 0) hold output_c entries when
 * p->per_channel, else one. The filter zero point is taken as 0, as TFLM does.
 * bias may be NULL.
 */
void ztflm_conv_2d_s8(const struct ztflm_conv_params *p, const int32_t *multiplier,
		      const int32_t *shift, const int8_t *in, const int8_t *filter,
		      const int32_t *bias, int8_t *out, void *scratch);
uint32_t ztflm_conv_2d_s8_scratch_bytes(const struct ztflm_conv_params *p);

void ztflm_conv_2d_f32(const struct ztflm_conv_params *p, const float *in, const float *filter,
		       const float *bias, float *out, void *scratch);
uint32_t ztflm_conv_2d_f32_scratch_bytes(const struct ztflm_conv_params *p);

/* ---- Node-layer helpers, shared with DEPTHWISE_CONV_2D and FULLY_CONNECTED ---- */

struct ztflm_context;
struct ztflm_tensor;

/**
 * Padding of a convolution window (TFLM ComputePaddingHeightWidth); checks that
 * the output tensor has the size the window produces and that no coordinate
 * the kernel computes overflows int32.
 */
int ztflm_conv_window(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		      int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		      int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t out_h,
		      int32_t out_w, int32_t *pad_h, int32_t *pad_w);

/**
 * Checks the int8 quantization of input, filter and output of a convolution
 * with channels output channels; *per_channel tells whether the filter has one
 * scale per channel (then quantized along filter dimension qdim).
 */
int ztflm_conv_check_quant(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			   const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
			   int32_t channels, int32_t *per_channel);

/**
 * TFLM PopulateConvolutionQuantizationParams: count multipliers and shifts
 * from in scale * filter scale i / out scale, computed in double.
 */
int ztflm_conv_multipliers(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			   const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
			   int32_t count, int32_t *multiplier, int32_t *shift);

#endif /* ZTFLM_KERNELS_OPS_CONV_2D_H_ */
