/* DEPTHWISE_CONV_2D: parameters and compute functions (NHWC input, 1HWC filter). */
#ifndef ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_
#define ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_

#include <stdint.h>

struct ztflm_dw_conv_params {
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t input_c;
	int32_t depth_multiplier; /**< output channel m + c * depth_multiplier reads input c */
	int32_t filter_h;
	int32_t filter_w;
	int32_t output_h;
	int32_t output_w;
	int32_t output_c; /**< input_c * depth_multiplier */
	int32_t stride_h;
	int32_t stride_w;
	int32_t dilation_h;
	int32_t dilation_w;
	int32_t pad_h;
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
void ztflm_depthwise_conv_2d_s8(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
				const int32_t *shift, const int8_t *in, const int8_t *filter,
				const int32_t *bias, int8_t *out, void *scratch);
uint32_t ztflm_depthwise_conv_2d_s8_scratch_bytes(const struct ztflm_dw_conv_params *p);

void ztflm_depthwise_conv_2d_f32(const struct ztflm_dw_conv_params *p, const float *in,
				 const float *filter, const float *bias, float *out, void *scratch);
uint32_t ztflm_depthwise_conv_2d_f32_scratch_bytes(const struct ztflm_dw_conv_params *p);

#endif /* ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_ */
