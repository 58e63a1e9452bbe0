/* DEPTHWISE_CONV_2D: parameters and compute functions (NHWC input, 1HWC filter). */
#ifndef ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_
#define ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_

#include "ops/conv_common.h"

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
	union ztflm_act_range act;
};

/*
 * Op data is this struct, then for int8 the multipliers and the shifts (left if > 0), output_c
 * of each when per_channel, else one (ops/conv_common.h). bias may be NULL.
 */
typedef void (*ztflm_depthwise_conv_2d_s8_fn)(const struct ztflm_dw_conv_params *p,
					      const int32_t *multiplier, const int32_t *shift,
					      const int8_t *in, const int8_t *filter,
					      const int32_t *bias, int8_t *out, void *scratch);

/** Eval of an int8 variant: runs fn on the node's tensors, multipliers and scratch. */
int ztflm_depthwise_conv_2d_s8_eval(struct ztflm_context *ctx, const void *params,
				    ztflm_depthwise_conv_2d_s8_fn fn);

/* The reference computation, for overlays that decline a node only at run time. */
void ztflm_depthwise_conv_2d_s8_reference(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
					  const int32_t *shift, const int8_t *in, const int8_t *filter,
					  const int32_t *bias, int8_t *out, void *scratch);

extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_f32_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_arm_dsp;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_arm_mve;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_multiplier_arm_mve;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_ */
