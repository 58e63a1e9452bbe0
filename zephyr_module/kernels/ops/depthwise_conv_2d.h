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
	ZTFLM_CONV_KIND_FIELDS;
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

/*
 * 16x8: int16 input and output, int8 (or INT4, unpacked a channel at a time into scratch)
 * weights, an int64 bias or NULL. Zero points are 0.
 */
typedef void (*ztflm_depthwise_conv_2d_s16_fn)(const struct ztflm_dw_conv_params *p,
					       const int32_t *multiplier, const int32_t *shift,
					       const int16_t *in, const int8_t *filter,
					       const void *bias, int16_t *out, void *scratch);

/** Eval of an int16 variant, as ztflm_depthwise_conv_2d_s8_eval. */
int ztflm_depthwise_conv_2d_s16_eval(struct ztflm_context *ctx, const void *params,
				     ztflm_depthwise_conv_2d_s16_fn fn);

/**
 * can_run of the overlays' 16x8 variants: int8 weights, depth multiplier 1 and windows of at
 * most 511 taps, whose int32 partial sums stay exact (each product is at most 2^22).
 */
static inline bool ztflm_depthwise_conv_2d_s16_overlay_can_run(const void *params)
{
	const struct ztflm_dw_conv_params *p = params;

	return !p->filter_int4 && p->depth_multiplier == 1 &&
	       (int64_t)p->filter_h * p->filter_w <= 511;
}

/** can_run of the variants for INT4 weights: whether the node's weights are INT4. */
bool ztflm_depthwise_conv_2d_int4(const void *params);

/** Scratch of a variant unpacking INT4 weights a channel at a time: one channel's weights. */
uint32_t ztflm_depthwise_conv_2d_int4_scratch(const void *params);

/* The reference computation, for overlays that decline a node only at run time. */
void ztflm_depthwise_conv_2d_s8_reference(const struct ztflm_dw_conv_params *p, const int32_t *multiplier,
					  const int32_t *shift, const int8_t *in, const int8_t *filter,
					  const int32_t *bias, int8_t *out, void *scratch);

/* INT4 weights: scratch of ztflm_depthwise_conv_2d_int4_scratch bytes. */
void ztflm_depthwise_conv_2d_s4_reference(const struct ztflm_dw_conv_params *p,
					  const int32_t *multiplier, const int32_t *shift,
					  const int8_t *in, const int8_t *filter,
					  const int32_t *bias, int8_t *out, void *scratch);

void ztflm_depthwise_conv_2d_s16_reference(const struct ztflm_dw_conv_params *p,
					   const int32_t *multiplier, const int32_t *shift,
					   const int16_t *in, const int8_t *filter, const void *bias,
					   int16_t *out, void *scratch);

extern const struct ztflm_variant ztflm_depthwise_conv_2d_s4_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s16_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_f32_ref;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_arm_dsp;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s16_arm_dsp;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_arm_mve;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s16_arm_mve;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_multiplier_arm_mve;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s4_cmsis_nn;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_depthwise_conv_2d_s16_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_DEPTHWISE_CONV_2D_H_ */
