/*
 * What the convolution-like operators share (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
 * and TRANSPOSE_CONV, BATCH_MATMUL on top of them): the window and its padding, the weight
 * and bias checks, and the requantization setup TFLM's conv_common does once for all.
 */
#ifndef ZTFLM_KERNELS_OPS_CONV_COMMON_H_
#define ZTFLM_KERNELS_OPS_CONV_COMMON_H_

#include <ztflm/op.h>

#include "common/quant.h"

/** The quantized part of a convolution's parameters, for its parameter struct. */
struct ztflm_conv_quant {
	int32_t input_offset;  /**< minus the input zero point */
	int32_t output_offset; /**< the output zero point */
	int32_t filter_offset; /**< minus the filter zero point (FULLY_CONNECTED per tensor) */
	int32_t per_channel;   /**< 1: multiplier and shift per output channel; 0: one for all */
	int32_t filter_int4;   /**< 1: INT4 weights, two a byte (common/int4.h) */
	int32_t acc32;         /**< 16x8: 1 when TFLM accumulates in int32, 0 in int64 */
	int32_t bias16;        /**< 16x8: 1 for an int16 bias (TRANSPOSE_CONV widens it) */
	union ztflm_act_range act;
};

/*
 * The kind of a convolution's weights and accumulator, in 4 bytes of its parameter struct
 * (where one int32 flag was: op data does not grow).
 */
#define ZTFLM_CONV_KIND_FIELDS                                                                     \
	uint8_t per_channel; /**< 1: multiplier and shift per output channel; 0: one for all */    \
	uint8_t filter_int4; /**< 1: INT4 weights, two a byte (common/int4.h) */                  \
	uint8_t acc32;       /**< 16x8: TFLM's accumulator and bias are int32 (1) or int64 (0) */  \
	uint8_t bias16       /**< 16x8: the bias is int16, widened to int64 (TRANSPOSE_CONV) */

/* ztflm_conv_setup flags. */
/** TFLM's FULLY_CONNECTED: a per-tensor multiplier from the scale product taken in float,
 * the bias scale checked against it, and the filter zero point honoured per tensor; int16
 * zero points honoured (TFLM's 16x8 convolutions ignore theirs, so ztflm refuses them). */
#define ZTFLM_CONV_FC 1u
/** The options' quantized_bias_type is INT32: 16x8 without a bias accumulates in int32. */
#define ZTFLM_CONV_ACC32 2u
/** 16x8 takes an int64 bias only (TFLM's DEPTHWISE_CONV_2D reads any bias as int64). */
#define ZTFLM_CONV_BIAS64 4u
/** 16x8 also takes an int16 bias (TFLM's TRANSPOSE_CONV widens it to int64). */
#define ZTFLM_CONV_BIAS16 8u

/**
 * Output size and padding of a convolution window over an in_h x in_w input (TFLM
 * ComputePaddingHeightWidth), after checking the padding, strides, dilations and filter, and
 * that no coordinate the kernels compute overflows int32.
 */
int ztflm_conv_padding(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		       int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		       int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t *out_h,
		       int32_t *out_w, int32_t *pad_h, int32_t *pad_w);

/**
 * Padding of a convolution window (TFLM ComputePaddingHeightWidth); checks that the output
 * tensor has the size the window produces and that no coordinate the kernel computes
 * overflows int32.
 */
int ztflm_conv_window(struct ztflm_context *ctx, int32_t padding, int32_t stride_h,
		      int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t in_h,
		      int32_t in_w, int32_t filter_h, int32_t filter_w, int32_t out_h,
		      int32_t out_w, int32_t *pad_h, int32_t *pad_w);

/**
 * The shared setup of a convolution with channels output channels, after its shapes: the
 * filter's and bias's types (float32; int8 with int8 or INT4 weights and an int32 bias;
 * int16 with int8 or INT4 weights and an int64 or int32 bias, the accumulator TFLM picks from
 * it), the bias length, then for int8 and int16 the filter's quantization (per tensor, or per
 * channel along its output channels), the fused activation's range and the offsets into q;
 * for float the activation range. Allocates the node's op data: params_bytes of parameters,
 * then for int8 and int16 the multipliers and shifts, one or channels of each (TFLM
 * PopulateConvolutionQuantizationParams, in double), and returns it in *op_data.
 */
int ztflm_conv_setup(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t activation,
		     int32_t channels, uint32_t params_bytes, uint32_t flags,
		     struct ztflm_conv_quant *q, void **op_data);

/**
 * TFLM GetQuantizedConvolutionMultipler, per tensor: in scale * filter scale (in float) / out
 * scale as a multiplier and shift; refuses a negative product and shifts above max_shift.
 */
int ztflm_conv_product_multiplier(struct ztflm_context *ctx, const struct ztflm_tensor *in,
				  const struct ztflm_tensor *filter, const struct ztflm_tensor *out,
				  int32_t max_shift, int32_t *multiplier, int32_t *shift);

/** The multipliers after params_bytes of parameters; the shifts follow count of them. */
static inline const int32_t *ztflm_conv_multipliers(const void *params, uint32_t params_bytes)
{
	return (const int32_t *)(const void *)((const uint8_t *)params + params_bytes);
}

/**
 * Copies what ztflm_conv_setup derived from q into a parameter struct: the input and output
 * offsets, the activation range, the kind of weights and of accumulator.
 */
#define ZTFLM_CONV_QUANT_SET(p, q)                                                                 \
	do {                                                                                       \
		(p).input_offset = (q).input_offset;                                               \
		(p).output_offset = (q).output_offset;                                             \
		(p).act = (q).act;                                                                 \
		(p).per_channel = (uint8_t)(q).per_channel;                                        \
		(p).filter_int4 = (uint8_t)(q).filter_int4;                                        \
		(p).acc32 = (uint8_t)(q).acc32;                                                    \
		(p).bias16 = (uint8_t)(q).bias16;                                                  \
	} while (0)

/** Defines name, whether a node's parameters (a params_type) hold INT4 weights. */
#define ZTFLM_CONV_INT4(name, params_type)                                                         \
	bool name(const void *params)                                                              \
	{                                                                                          \
		return ((const params_type *)params)->filter_int4 != 0u;                           \
	}

/**
 * One 16x8 output before the activation: sum (the exact sum of products, with the offsets
 * FULLY_CONNECTED applies) plus bias i, rescaled as TFLM does it: in int32 (wrapping, the
 * int32 MultiplyByQuantizedMultiplier) when acc32, else in int64 (ztflm_mbqm64).
 */
int32_t ztflm_conv_scale_s16(int64_t sum, const void *bias, uint32_t i, int32_t acc32,
			     int32_t multiplier, int32_t shift);

/** Input 2, the optional bias, during eval: NULL when the node has none. */
static inline const void *ztflm_conv_bias(const struct ztflm_context *ctx)
{
	return ztflm_has_input(ctx, 2) ? ztflm_input_data(ctx, 2) : NULL;
}

/**
 * Defines name, the eval every CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED variant of one
 * input type calls: its compute function fn with the node's tensors, the multipliers and
 * shifts stored after the params_type parameters (channels of each when per channel, else
 * one) and the variant's scratch.
 */
#define ZTFLM_CONV_EVAL(name, params_type, fn_type, channels)                                     \
	int name(struct ztflm_context *ctx, const void *params, fn_type fn)                        \
	{                                                                                          \
		const params_type *p = params;                                                     \
		const int32_t *mult = ztflm_conv_multipliers(p, sizeof(*p));                       \
                                                                                                   \
		fn(p, mult, mult + (p->per_channel ? p->channels : 1), ztflm_input_data(ctx, 0),   \
		   ztflm_input_data(ctx, 1), ztflm_conv_bias(ctx), ztflm_output_data(ctx, 0),      \
		   ztflm_op_scratch(ctx));                                                         \
		return ZTFLM_OK;                                                                   \
	}

#endif /* ZTFLM_KERNELS_OPS_CONV_COMMON_H_ */
