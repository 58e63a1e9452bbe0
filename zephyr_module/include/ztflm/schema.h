/*
 * The TFLite FlatBuffer layout (schema.fbs, version 3) as ztflm reads it: the
 * field numbers (vtable slots) of every table used. The one place this layout
 * is written down; the Python tooling checks itself against this file.
 */
#ifndef ZTFLM_SCHEMA_H_
#define ZTFLM_SCHEMA_H_

#define ZTFLM_SCHEMA_VERSION 3

/* table Model */
#define ZTFLM_MODEL_VERSION 0
#define ZTFLM_MODEL_OPERATOR_CODES 1
#define ZTFLM_MODEL_SUBGRAPHS 2
#define ZTFLM_MODEL_DESCRIPTION 3
#define ZTFLM_MODEL_BUFFERS 4
#define ZTFLM_MODEL_METADATA_BUFFER 5
#define ZTFLM_MODEL_METADATA 6
#define ZTFLM_MODEL_SIGNATURE_DEFS 7

/* table OperatorCode */
#define ZTFLM_OPCODE_DEPRECATED_BUILTIN_CODE 0
#define ZTFLM_OPCODE_CUSTOM_CODE 1
#define ZTFLM_OPCODE_VERSION 2
#define ZTFLM_OPCODE_BUILTIN_CODE 3

/* table SubGraph */
#define ZTFLM_SUBGRAPH_TENSORS 0
#define ZTFLM_SUBGRAPH_INPUTS 1
#define ZTFLM_SUBGRAPH_OUTPUTS 2
#define ZTFLM_SUBGRAPH_OPERATORS 3
#define ZTFLM_SUBGRAPH_NAME 4

/* table Tensor */
#define ZTFLM_TENSOR_SHAPE 0
#define ZTFLM_TENSOR_TYPE 1
#define ZTFLM_TENSOR_BUFFER 2
#define ZTFLM_TENSOR_NAME 3
#define ZTFLM_TENSOR_QUANTIZATION 4
#define ZTFLM_TENSOR_IS_VARIABLE 5
#define ZTFLM_TENSOR_SPARSITY 6

/* table QuantizationParameters */
#define ZTFLM_QUANT_MIN 0
#define ZTFLM_QUANT_MAX 1
#define ZTFLM_QUANT_SCALE 2
#define ZTFLM_QUANT_ZERO_POINT 3
#define ZTFLM_QUANT_DETAILS_TYPE 4
#define ZTFLM_QUANT_DETAILS 5
#define ZTFLM_QUANT_QUANTIZED_DIMENSION 6

/* table Operator */
#define ZTFLM_OPERATOR_OPCODE_INDEX 0
#define ZTFLM_OPERATOR_INPUTS 1
#define ZTFLM_OPERATOR_OUTPUTS 2
#define ZTFLM_OPERATOR_BUILTIN_OPTIONS_TYPE 3
#define ZTFLM_OPERATOR_BUILTIN_OPTIONS 4
#define ZTFLM_OPERATOR_CUSTOM_OPTIONS 5
#define ZTFLM_OPERATOR_INTERMEDIATES 8

/* table Buffer */
#define ZTFLM_BUFFER_DATA 0
#define ZTFLM_BUFFER_OFFSET 1
#define ZTFLM_BUFFER_SIZE 2

/* table Metadata */
#define ZTFLM_METADATA_NAME 0
#define ZTFLM_METADATA_BUFFER 1

/* union BuiltinOptions: the type tags of the options tables ztflm reads */
#define ZTFLM_OPTIONS_CONV_2D 1
#define ZTFLM_OPTIONS_DEPTHWISE_CONV_2D 2
#define ZTFLM_OPTIONS_POOL_2D 5
#define ZTFLM_OPTIONS_FULLY_CONNECTED 8
#define ZTFLM_OPTIONS_SOFTMAX 9
#define ZTFLM_OPTIONS_CONCATENATION 10
#define ZTFLM_OPTIONS_ADD 11
#define ZTFLM_OPTIONS_RESHAPE 17
#define ZTFLM_OPTIONS_MUL 21
#define ZTFLM_OPTIONS_PAD 22
#define ZTFLM_OPTIONS_REDUCER 27
#define ZTFLM_OPTIONS_SUB 28
#define ZTFLM_OPTIONS_PADV2 43
#define ZTFLM_OPTIONS_LEAKY_RELU 75

/* table Conv2DOptions */
#define ZTFLM_CONV_PADDING 0
#define ZTFLM_CONV_STRIDE_W 1
#define ZTFLM_CONV_STRIDE_H 2
#define ZTFLM_CONV_ACTIVATION 3
#define ZTFLM_CONV_DILATION_W 4
#define ZTFLM_CONV_DILATION_H 5

/* table DepthwiseConv2DOptions */
#define ZTFLM_DW_PADDING 0
#define ZTFLM_DW_STRIDE_W 1
#define ZTFLM_DW_STRIDE_H 2
#define ZTFLM_DW_DEPTH_MULTIPLIER 3
#define ZTFLM_DW_ACTIVATION 4
#define ZTFLM_DW_DILATION_W 5
#define ZTFLM_DW_DILATION_H 6

/* table Pool2DOptions */
#define ZTFLM_POOL_PADDING 0
#define ZTFLM_POOL_STRIDE_W 1
#define ZTFLM_POOL_STRIDE_H 2
#define ZTFLM_POOL_FILTER_W 3
#define ZTFLM_POOL_FILTER_H 4
#define ZTFLM_POOL_ACTIVATION 5

/* table FullyConnectedOptions */
#define ZTFLM_FC_ACTIVATION 0
#define ZTFLM_FC_WEIGHTS_FORMAT 1
#define ZTFLM_FC_KEEP_NUM_DIMS 2

/* table SoftmaxOptions */
#define ZTFLM_SOFTMAX_BETA 0

/* table ConcatenationOptions */
#define ZTFLM_CONCAT_AXIS 0
#define ZTFLM_CONCAT_ACTIVATION 1

/* tables AddOptions, SubOptions, MulOptions */
#define ZTFLM_ARITH_ACTIVATION 0

/* table ReshapeOptions */
#define ZTFLM_RESHAPE_NEW_SHAPE 0

/* table LeakyReluOptions */
#define ZTFLM_LEAKY_RELU_ALPHA 0

/* table ReducerOptions */
#define ZTFLM_REDUCER_KEEP_DIMS 0

/* Metadata name of TFLM's offline memory plan. */
#define ZTFLM_OFFLINE_PLAN_NAME "OfflineMemoryAllocation"

#endif /* ZTFLM_SCHEMA_H_ */
