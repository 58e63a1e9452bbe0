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

/*
 * The options tables the kernels read, each written once:
 *   ZTFLM_OPTIONS_<NAME>          its BuiltinOptions union tag,
 *   the field numbers, one #define per field read,
 *   ZTFLM_<NAME>_FIELDS(F)        F(field number, kind, FieldName) for each of those fields,
 *   ZTFLM_OPTIONS_TABLES(X)       X(tag, TableName, fields) for each table.
 * TableName and FieldName are the schema's (tests/host/test_schema_layout.py checks every
 * number against tflite-micro's schema through them); kind says what the field holds (ENUM8,
 * BOOL8, INT8, INT32, STRIDE32 for strides, dilations and window sizes, AXIS32, MASK32 for a
 * bit per axis, FLOAT32, INT32_VECTOR, SUBGRAPH32 for a subgraph index, STRING), which is
 * how the structure-aware fuzzer
 * (tests/fuzz/fuzz_struct.c) rewrites it.
 */
#define ZTFLM_NO_FIELDS(F)

/* Conv2DOptions */
#define ZTFLM_OPTIONS_CONV_2D 1
#define ZTFLM_CONV_PADDING 0
#define ZTFLM_CONV_STRIDE_W 1
#define ZTFLM_CONV_STRIDE_H 2
#define ZTFLM_CONV_ACTIVATION 3
#define ZTFLM_CONV_DILATION_W 4
#define ZTFLM_CONV_DILATION_H 5
#define ZTFLM_CONV_QUANTIZED_BIAS_TYPE 6
#define ZTFLM_CONV_2D_FIELDS(F)                                                                    \
	F(ZTFLM_CONV_PADDING, ENUM8, Padding)                                                      \
	F(ZTFLM_CONV_STRIDE_W, STRIDE32, StrideW)                                                  \
	F(ZTFLM_CONV_STRIDE_H, STRIDE32, StrideH)                                                  \
	F(ZTFLM_CONV_ACTIVATION, ENUM8, FusedActivationFunction)                                   \
	F(ZTFLM_CONV_DILATION_W, STRIDE32, DilationWFactor)                                        \
	F(ZTFLM_CONV_DILATION_H, STRIDE32, DilationHFactor)                                        \
	F(ZTFLM_CONV_QUANTIZED_BIAS_TYPE, ENUM8, QuantizedBiasType)

/* DepthwiseConv2DOptions */
#define ZTFLM_OPTIONS_DEPTHWISE_CONV_2D 2
#define ZTFLM_DW_PADDING 0
#define ZTFLM_DW_STRIDE_W 1
#define ZTFLM_DW_STRIDE_H 2
#define ZTFLM_DW_DEPTH_MULTIPLIER 3
#define ZTFLM_DW_ACTIVATION 4
#define ZTFLM_DW_DILATION_W 5
#define ZTFLM_DW_DILATION_H 6
#define ZTFLM_DEPTHWISE_CONV_2D_FIELDS(F)                                                          \
	F(ZTFLM_DW_PADDING, ENUM8, Padding)                                                        \
	F(ZTFLM_DW_STRIDE_W, STRIDE32, StrideW)                                                    \
	F(ZTFLM_DW_STRIDE_H, STRIDE32, StrideH)                                                    \
	F(ZTFLM_DW_DEPTH_MULTIPLIER, INT32, DepthMultiplier)                                       \
	F(ZTFLM_DW_ACTIVATION, ENUM8, FusedActivationFunction)                                     \
	F(ZTFLM_DW_DILATION_W, STRIDE32, DilationWFactor)                                          \
	F(ZTFLM_DW_DILATION_H, STRIDE32, DilationHFactor)

/* Pool2DOptions */
#define ZTFLM_OPTIONS_POOL_2D 5
#define ZTFLM_POOL_PADDING 0
#define ZTFLM_POOL_STRIDE_W 1
#define ZTFLM_POOL_STRIDE_H 2
#define ZTFLM_POOL_FILTER_W 3
#define ZTFLM_POOL_FILTER_H 4
#define ZTFLM_POOL_ACTIVATION 5
#define ZTFLM_POOL_2D_FIELDS(F)                                                                    \
	F(ZTFLM_POOL_PADDING, ENUM8, Padding)                                                      \
	F(ZTFLM_POOL_STRIDE_W, STRIDE32, StrideW)                                                  \
	F(ZTFLM_POOL_STRIDE_H, STRIDE32, StrideH)                                                  \
	F(ZTFLM_POOL_FILTER_W, STRIDE32, FilterWidth)                                              \
	F(ZTFLM_POOL_FILTER_H, STRIDE32, FilterHeight)                                             \
	F(ZTFLM_POOL_ACTIVATION, ENUM8, FusedActivationFunction)

/* SVDFOptions */
#define ZTFLM_OPTIONS_SVDF 6
#define ZTFLM_SVDF_RANK 0
#define ZTFLM_SVDF_ACTIVATION 1
#define ZTFLM_SVDF_ASYMMETRIC_QUANTIZE_INPUTS 2
#define ZTFLM_SVDF_FIELDS(F)                                                                       \
	F(ZTFLM_SVDF_RANK, INT32, Rank)                                                            \
	F(ZTFLM_SVDF_ACTIVATION, ENUM8, FusedActivationFunction)                                   \
	F(ZTFLM_SVDF_ASYMMETRIC_QUANTIZE_INPUTS, BOOL8, AsymmetricQuantizeInputs)
/* L2NormOptions */
#define ZTFLM_OPTIONS_L2_NORM 12
#define ZTFLM_L2_NORM_ACTIVATION 0
#define ZTFLM_L2_NORM_FIELDS(F) F(ZTFLM_L2_NORM_ACTIVATION, ENUM8, FusedActivationFunction)

/* FullyConnectedOptions */
#define ZTFLM_OPTIONS_FULLY_CONNECTED 8
#define ZTFLM_FC_ACTIVATION 0
#define ZTFLM_FC_WEIGHTS_FORMAT 1
#define ZTFLM_FC_KEEP_NUM_DIMS 2
#define ZTFLM_FC_QUANTIZED_BIAS_TYPE 4
#define ZTFLM_FULLY_CONNECTED_FIELDS(F)                                                            \
	F(ZTFLM_FC_ACTIVATION, ENUM8, FusedActivationFunction)                                     \
	F(ZTFLM_FC_WEIGHTS_FORMAT, ENUM8, WeightsFormat)                                           \
	F(ZTFLM_FC_KEEP_NUM_DIMS, BOOL8, KeepNumDims)                                              \
	F(ZTFLM_FC_QUANTIZED_BIAS_TYPE, ENUM8, QuantizedBiasType)

/* SoftmaxOptions */
#define ZTFLM_OPTIONS_SOFTMAX 9
#define ZTFLM_SOFTMAX_BETA 0
#define ZTFLM_SOFTMAX_FIELDS(F) F(ZTFLM_SOFTMAX_BETA, FLOAT32, Beta)

/* ConcatenationOptions */
#define ZTFLM_OPTIONS_CONCATENATION 10
#define ZTFLM_CONCAT_AXIS 0
#define ZTFLM_CONCAT_ACTIVATION 1
#define ZTFLM_CONCATENATION_FIELDS(F)                                                              \
	F(ZTFLM_CONCAT_AXIS, AXIS32, Axis)                                                         \
	F(ZTFLM_CONCAT_ACTIVATION, ENUM8, FusedActivationFunction)

/* AddOptions, SubOptions, MulOptions, DivOptions: the fused activation in the same slot */
#define ZTFLM_OPTIONS_ADD 11
#define ZTFLM_OPTIONS_MUL 21
#define ZTFLM_OPTIONS_SUB 28
#define ZTFLM_OPTIONS_DIV 29
#define ZTFLM_ARITH_ACTIVATION 0
#define ZTFLM_ARITH_FIELDS(F) F(ZTFLM_ARITH_ACTIVATION, ENUM8, FusedActivationFunction)

/* ResizeBilinearOptions */
#define ZTFLM_OPTIONS_RESIZE_BILINEAR 15
#define ZTFLM_RESIZE_BILINEAR_ALIGN_CORNERS 2
#define ZTFLM_RESIZE_BILINEAR_HALF_PIXEL_CENTERS 3
#define ZTFLM_RESIZE_BILINEAR_FIELDS(F)                                                            \
	F(ZTFLM_RESIZE_BILINEAR_ALIGN_CORNERS, BOOL8, AlignCorners)                                \
	F(ZTFLM_RESIZE_BILINEAR_HALF_PIXEL_CENTERS, BOOL8, HalfPixelCenters)

/* ReshapeOptions */
#define ZTFLM_OPTIONS_RESHAPE 17
#define ZTFLM_RESHAPE_NEW_SHAPE 0
#define ZTFLM_RESHAPE_FIELDS(F) F(ZTFLM_RESHAPE_NEW_SHAPE, INT32_VECTOR, NewShape)

/* ArgMaxOptions, ArgMinOptions: output_type is not read (the output tensor's type is) */
#define ZTFLM_OPTIONS_ARG_MAX 40
#define ZTFLM_OPTIONS_ARG_MIN 57
/* SpaceToDepthOptions, DepthToSpaceOptions: the block size in the same slot */
#define ZTFLM_OPTIONS_SPACE_TO_DEPTH 19
#define ZTFLM_OPTIONS_DEPTH_TO_SPACE 94
#define ZTFLM_BLOCK_SIZE 0
#define ZTFLM_BLOCK_FIELDS(F) F(ZTFLM_BLOCK_SIZE, STRIDE32, BlockSize)

/* PadOptions, PadV2Options: no fields */
#define ZTFLM_OPTIONS_PAD 22
#define ZTFLM_OPTIONS_PADV2 43

/* GatherOptions */
#define ZTFLM_OPTIONS_GATHER 23
#define ZTFLM_GATHER_AXIS 0
#define ZTFLM_GATHER_BATCH_DIMS 1
#define ZTFLM_GATHER_FIELDS(F)                                                                     \
	F(ZTFLM_GATHER_AXIS, AXIS32, Axis)                                                         \
	F(ZTFLM_GATHER_BATCH_DIMS, AXIS32, BatchDims)

/* BatchToSpaceNDOptions, SpaceToBatchNDOptions, GatherNdOptions: no fields */
#define ZTFLM_OPTIONS_BATCH_TO_SPACE_ND 24
#define ZTFLM_OPTIONS_SPACE_TO_BATCH_ND 25
#define ZTFLM_OPTIONS_GATHER_ND 83

/* ReducerOptions */
#define ZTFLM_OPTIONS_REDUCER 27
#define ZTFLM_REDUCER_KEEP_DIMS 0
#define ZTFLM_REDUCER_FIELDS(F) F(ZTFLM_REDUCER_KEEP_DIMS, BOOL8, KeepDims)

/* TransposeConvOptions */
#define ZTFLM_OPTIONS_TRANSPOSE_CONV 49
#define ZTFLM_TCONV_PADDING 0
#define ZTFLM_TCONV_STRIDE_W 1
#define ZTFLM_TCONV_STRIDE_H 2
#define ZTFLM_TCONV_ACTIVATION 3
#define ZTFLM_TRANSPOSE_CONV_FIELDS(F)                                                             \
	F(ZTFLM_TCONV_PADDING, ENUM8, Padding)                                                     \
	F(ZTFLM_TCONV_STRIDE_W, STRIDE32, StrideW)                                                 \
	F(ZTFLM_TCONV_STRIDE_H, STRIDE32, StrideH)                                                 \
	F(ZTFLM_TCONV_ACTIVATION, ENUM8, FusedActivationFunction)

/* ResizeNearestNeighborOptions */
#define ZTFLM_OPTIONS_RESIZE_NEAREST 74
#define ZTFLM_RESIZE_NN_ALIGN_CORNERS 0
#define ZTFLM_RESIZE_NN_HALF_PIXEL_CENTERS 1
#define ZTFLM_RESIZE_NN_FIELDS(F)                                                                  \
	F(ZTFLM_RESIZE_NN_ALIGN_CORNERS, BOOL8, AlignCorners)                                      \
	F(ZTFLM_RESIZE_NN_HALF_PIXEL_CENTERS, BOOL8, HalfPixelCenters)
/* SqueezeOptions */
#define ZTFLM_OPTIONS_SQUEEZE 30
#define ZTFLM_SQUEEZE_DIMS 0
#define ZTFLM_SQUEEZE_FIELDS(F) F(ZTFLM_SQUEEZE_DIMS, INT32_VECTOR, SqueezeDims)

/* StridedSliceOptions */
#define ZTFLM_OPTIONS_STRIDED_SLICE 32
#define ZTFLM_STRIDED_SLICE_BEGIN_MASK 0
#define ZTFLM_STRIDED_SLICE_END_MASK 1
#define ZTFLM_STRIDED_SLICE_ELLIPSIS_MASK 2
#define ZTFLM_STRIDED_SLICE_NEW_AXIS_MASK 3
#define ZTFLM_STRIDED_SLICE_SHRINK_AXIS_MASK 4
#define ZTFLM_STRIDED_SLICE_OFFSET 5
#define ZTFLM_STRIDED_SLICE_FIELDS(F)                                                              \
	F(ZTFLM_STRIDED_SLICE_BEGIN_MASK, MASK32, BeginMask)                                       \
	F(ZTFLM_STRIDED_SLICE_END_MASK, MASK32, EndMask)                                           \
	F(ZTFLM_STRIDED_SLICE_ELLIPSIS_MASK, MASK32, EllipsisMask)                                 \
	F(ZTFLM_STRIDED_SLICE_NEW_AXIS_MASK, MASK32, NewAxisMask)                                  \
	F(ZTFLM_STRIDED_SLICE_SHRINK_AXIS_MASK, MASK32, ShrinkAxisMask)                            \
	F(ZTFLM_STRIDED_SLICE_OFFSET, BOOL8, Offset)

/* SplitOptions, CastOptions, SliceOptions, ExpandDimsOptions, ShapeOptions: none read (the
 * split count, types and shapes are the tensors') */
#define ZTFLM_OPTIONS_SPLIT 35
#define ZTFLM_OPTIONS_CAST 37
#define ZTFLM_OPTIONS_SLICE 48
#define ZTFLM_OPTIONS_EXPAND_DIMS 52
#define ZTFLM_OPTIONS_SHAPE 55

/* PackOptions, UnpackOptions: the count and the axis in the same slots */
#define ZTFLM_OPTIONS_PACK 59
#define ZTFLM_OPTIONS_UNPACK 64
#define ZTFLM_PACK_COUNT 0
#define ZTFLM_PACK_AXIS 1
#define ZTFLM_PACK_FIELDS(F)                                                                       \
	F(ZTFLM_PACK_COUNT, INT32, ValuesCount)                                                    \
	F(ZTFLM_PACK_AXIS, AXIS32, Axis)
#define ZTFLM_UNPACK_FIELDS(F)                                                                     \
	F(ZTFLM_PACK_COUNT, INT32, Num)                                                            \
	F(ZTFLM_PACK_AXIS, AXIS32, Axis)

/* ZerosLikeOptions, FillOptions, SplitVOptions, ReverseV2Options, SelectV2Options,
 * BroadcastToOptions, DynamicUpdateSliceOptions: none read */
#define ZTFLM_OPTIONS_ZEROS_LIKE 67
#define ZTFLM_OPTIONS_FILL 68
#define ZTFLM_OPTIONS_SPLIT_V 79
#define ZTFLM_OPTIONS_REVERSE_V2 81
#define ZTFLM_OPTIONS_SELECT_V2 98
#define ZTFLM_OPTIONS_BROADCAST_TO 104
#define ZTFLM_OPTIONS_DYNAMIC_UPDATE_SLICE 117

/* TransposeConvOptions */
#define ZTFLM_OPTIONS_TRANSPOSE_CONV 49
#define ZTFLM_TCONV_PADDING 0
#define ZTFLM_TCONV_STRIDE_W 1
#define ZTFLM_TCONV_STRIDE_H 2
#define ZTFLM_TCONV_ACTIVATION 3
#define ZTFLM_TRANSPOSE_CONV_FIELDS(F)                                                             \
	F(ZTFLM_TCONV_PADDING, ENUM8, Padding)                                                     \
	F(ZTFLM_TCONV_STRIDE_W, STRIDE32, StrideW)                                                 \
	F(ZTFLM_TCONV_STRIDE_H, STRIDE32, StrideH)                                                 \
	F(ZTFLM_TCONV_ACTIVATION, ENUM8, FusedActivationFunction)

/* ResizeNearestNeighborOptions */
#define ZTFLM_OPTIONS_RESIZE_NEAREST 74
#define ZTFLM_RESIZE_NN_ALIGN_CORNERS 0
#define ZTFLM_RESIZE_NN_HALF_PIXEL_CENTERS 1
#define ZTFLM_RESIZE_NN_FIELDS(F)                                                                  \
	F(ZTFLM_RESIZE_NN_ALIGN_CORNERS, BOOL8, AlignCorners)                                      \
	F(ZTFLM_RESIZE_NN_HALF_PIXEL_CENTERS, BOOL8, HalfPixelCenters)

/* LeakyReluOptions */
#define ZTFLM_OPTIONS_LEAKY_RELU 75
#define ZTFLM_LEAKY_RELU_ALPHA 0
#define ZTFLM_LEAKY_RELU_FIELDS(F) F(ZTFLM_LEAKY_RELU_ALPHA, FLOAT32, Alpha)

/* BatchMatMulOptions */
#define ZTFLM_OPTIONS_BATCH_MATMUL 101
#define ZTFLM_BATCH_MATMUL_ADJ_X 0
#define ZTFLM_BATCH_MATMUL_ADJ_Y 1
#define ZTFLM_BATCH_MATMUL_ASYMMETRIC_QUANTIZE_INPUTS 2
#define ZTFLM_BATCH_MATMUL_FIELDS(F)                                                               \
	F(ZTFLM_BATCH_MATMUL_ADJ_X, BOOL8, AdjX)                                                   \
	F(ZTFLM_BATCH_MATMUL_ADJ_Y, BOOL8, AdjY)                                                   \
	F(ZTFLM_BATCH_MATMUL_ASYMMETRIC_QUANTIZE_INPUTS, BOOL8, AsymmetricQuantizeInputs)
/* UnidirectionalSequenceLSTMOptions */
#define ZTFLM_OPTIONS_UNIDIRECTIONAL_SEQUENCE_LSTM 71
#define ZTFLM_USLSTM_ACTIVATION 0
#define ZTFLM_USLSTM_CELL_CLIP 1
#define ZTFLM_USLSTM_PROJ_CLIP 2
#define ZTFLM_USLSTM_TIME_MAJOR 3
#define ZTFLM_USLSTM_ASYMMETRIC_QUANTIZE_INPUTS 4
#define ZTFLM_USLSTM_DIAGONAL_RECURRENT_TENSORS 5
#define ZTFLM_UNIDIRECTIONAL_SEQUENCE_LSTM_FIELDS(F)                                               \
	F(ZTFLM_USLSTM_ACTIVATION, ENUM8, FusedActivationFunction)                                 \
	F(ZTFLM_USLSTM_CELL_CLIP, FLOAT32, CellClip)                                               \
	F(ZTFLM_USLSTM_PROJ_CLIP, FLOAT32, ProjClip)                                               \
	F(ZTFLM_USLSTM_TIME_MAJOR, BOOL8, TimeMajor)                                               \
	F(ZTFLM_USLSTM_ASYMMETRIC_QUANTIZE_INPUTS, BOOL8, AsymmetricQuantizeInputs)                \
	F(ZTFLM_USLSTM_DIAGONAL_RECURRENT_TENSORS, BOOL8, DiagonalRecurrentTensors)
/* CumsumOptions */
#define ZTFLM_OPTIONS_CUMSUM 102
#define ZTFLM_CUMSUM_EXCLUSIVE 0
#define ZTFLM_CUMSUM_REVERSE 1
#define ZTFLM_CUMSUM_FIELDS(F)                                                                     \
	F(ZTFLM_CUMSUM_EXCLUSIVE, BOOL8, Exclusive)                                                \
	F(ZTFLM_CUMSUM_REVERSE, BOOL8, Reverse)
/* MirrorPadOptions */
#define ZTFLM_OPTIONS_MIRROR_PAD 77
#define ZTFLM_MIRROR_PAD_MODE 0
#define ZTFLM_MIRROR_PAD_FIELDS(F) F(ZTFLM_MIRROR_PAD_MODE, ENUM8, Mode)
/*
 * The control-flow options: the subgraphs an operator runs, in fields 0 and 1 of each
 * (src/subgraph.c reads them for the plan through these numbers).
 */
/* IfOptions */
#define ZTFLM_OPTIONS_IF 92
#define ZTFLM_IF_THEN 0
#define ZTFLM_IF_ELSE 1
#define ZTFLM_IF_FIELDS(F)                                                                         \
	F(ZTFLM_IF_THEN, SUBGRAPH32, ThenSubgraphIndex)                                            \
	F(ZTFLM_IF_ELSE, SUBGRAPH32, ElseSubgraphIndex)
/* WhileOptions */
#define ZTFLM_OPTIONS_WHILE 93
#define ZTFLM_WHILE_COND 0
#define ZTFLM_WHILE_BODY 1
#define ZTFLM_WHILE_FIELDS(F)                                                                      \
	F(ZTFLM_WHILE_COND, SUBGRAPH32, CondSubgraphIndex)                                         \
	F(ZTFLM_WHILE_BODY, SUBGRAPH32, BodySubgraphIndex)
/* CallOnceOptions */
#define ZTFLM_OPTIONS_CALL_ONCE 103
#define ZTFLM_CALL_ONCE_INIT 0
#define ZTFLM_CALL_ONCE_FIELDS(F) F(ZTFLM_CALL_ONCE_INIT, SUBGRAPH32, InitSubgraphIndex)
/* VarHandleOptions: the names that identify a resource variable. */
#define ZTFLM_OPTIONS_VAR_HANDLE 111
#define ZTFLM_VAR_HANDLE_CONTAINER 0
#define ZTFLM_VAR_HANDLE_SHARED_NAME 1
#define ZTFLM_VAR_HANDLE_FIELDS(F)                                                                 \
	F(ZTFLM_VAR_HANDLE_CONTAINER, STRING, Container)                                           \
	F(ZTFLM_VAR_HANDLE_SHARED_NAME, STRING, SharedName)

#define ZTFLM_OPTIONS_TABLES(X)                                                                    \
	X(ZTFLM_OPTIONS_ADD, AddOptions, ZTFLM_ARITH_FIELDS)                                       \
	X(ZTFLM_OPTIONS_ARG_MAX, ArgMaxOptions, ZTFLM_NO_FIELDS)                                   \
	X(ZTFLM_OPTIONS_ARG_MIN, ArgMinOptions, ZTFLM_NO_FIELDS)                                   \
	X(ZTFLM_OPTIONS_BATCH_MATMUL, BatchMatMulOptions, ZTFLM_BATCH_MATMUL_FIELDS)               \
	X(ZTFLM_OPTIONS_BATCH_TO_SPACE_ND, BatchToSpaceNDOptions, ZTFLM_NO_FIELDS)                 \
	X(ZTFLM_OPTIONS_BROADCAST_TO, BroadcastToOptions, ZTFLM_NO_FIELDS)                         \
	X(ZTFLM_OPTIONS_CALL_ONCE, CallOnceOptions, ZTFLM_CALL_ONCE_FIELDS)                        \
	X(ZTFLM_OPTIONS_CAST, CastOptions, ZTFLM_NO_FIELDS)                                        \
	X(ZTFLM_OPTIONS_CONCATENATION, ConcatenationOptions, ZTFLM_CONCATENATION_FIELDS)           \
	X(ZTFLM_OPTIONS_CONV_2D, Conv2DOptions, ZTFLM_CONV_2D_FIELDS)                              \
	X(ZTFLM_OPTIONS_CUMSUM, CumsumOptions, ZTFLM_CUMSUM_FIELDS)                                \
	X(ZTFLM_OPTIONS_DEPTHWISE_CONV_2D, DepthwiseConv2DOptions, ZTFLM_DEPTHWISE_CONV_2D_FIELDS) \
	X(ZTFLM_OPTIONS_DEPTH_TO_SPACE, DepthToSpaceOptions, ZTFLM_BLOCK_FIELDS)                   \
	X(ZTFLM_OPTIONS_DIV, DivOptions, ZTFLM_ARITH_FIELDS)                                       \
	X(ZTFLM_OPTIONS_DYNAMIC_UPDATE_SLICE, DynamicUpdateSliceOptions, ZTFLM_NO_FIELDS)          \
	X(ZTFLM_OPTIONS_EXPAND_DIMS, ExpandDimsOptions, ZTFLM_NO_FIELDS)                           \
	X(ZTFLM_OPTIONS_FILL, FillOptions, ZTFLM_NO_FIELDS)                                        \
	X(ZTFLM_OPTIONS_FULLY_CONNECTED, FullyConnectedOptions, ZTFLM_FULLY_CONNECTED_FIELDS)      \
	X(ZTFLM_OPTIONS_GATHER, GatherOptions, ZTFLM_GATHER_FIELDS)                                \
	X(ZTFLM_OPTIONS_GATHER_ND, GatherNdOptions, ZTFLM_NO_FIELDS)                               \
	X(ZTFLM_OPTIONS_IF, IfOptions, ZTFLM_IF_FIELDS)                                            \
	X(ZTFLM_OPTIONS_L2_NORM, L2NormOptions, ZTFLM_L2_NORM_FIELDS)                              \
	X(ZTFLM_OPTIONS_LEAKY_RELU, LeakyReluOptions, ZTFLM_LEAKY_RELU_FIELDS)                     \
	X(ZTFLM_OPTIONS_MIRROR_PAD, MirrorPadOptions, ZTFLM_MIRROR_PAD_FIELDS)                     \
	X(ZTFLM_OPTIONS_MUL, MulOptions, ZTFLM_ARITH_FIELDS)                                       \
	X(ZTFLM_OPTIONS_PACK, PackOptions, ZTFLM_PACK_FIELDS)                                      \
	X(ZTFLM_OPTIONS_PAD, PadOptions, ZTFLM_NO_FIELDS)                                          \
	X(ZTFLM_OPTIONS_PADV2, PadV2Options, ZTFLM_NO_FIELDS)                                      \
	X(ZTFLM_OPTIONS_POOL_2D, Pool2DOptions, ZTFLM_POOL_2D_FIELDS)                              \
	X(ZTFLM_OPTIONS_REDUCER, ReducerOptions, ZTFLM_REDUCER_FIELDS)                             \
	X(ZTFLM_OPTIONS_RESHAPE, ReshapeOptions, ZTFLM_RESHAPE_FIELDS)                             \
	X(ZTFLM_OPTIONS_RESIZE_BILINEAR, ResizeBilinearOptions, ZTFLM_RESIZE_BILINEAR_FIELDS)      \
	X(ZTFLM_OPTIONS_RESIZE_NEAREST, ResizeNearestNeighborOptions, ZTFLM_RESIZE_NN_FIELDS)      \
	X(ZTFLM_OPTIONS_REVERSE_V2, ReverseV2Options, ZTFLM_NO_FIELDS)                             \
	X(ZTFLM_OPTIONS_SELECT_V2, SelectV2Options, ZTFLM_NO_FIELDS)                               \
	X(ZTFLM_OPTIONS_SHAPE, ShapeOptions, ZTFLM_NO_FIELDS)                                      \
	X(ZTFLM_OPTIONS_SLICE, SliceOptions, ZTFLM_NO_FIELDS)                                      \
	X(ZTFLM_OPTIONS_SOFTMAX, SoftmaxOptions, ZTFLM_SOFTMAX_FIELDS)                             \
	X(ZTFLM_OPTIONS_SPACE_TO_BATCH_ND, SpaceToBatchNDOptions, ZTFLM_NO_FIELDS)                 \
	X(ZTFLM_OPTIONS_SPACE_TO_DEPTH, SpaceToDepthOptions, ZTFLM_BLOCK_FIELDS)                   \
	X(ZTFLM_OPTIONS_SPLIT, SplitOptions, ZTFLM_NO_FIELDS)                                      \
	X(ZTFLM_OPTIONS_SPLIT_V, SplitVOptions, ZTFLM_NO_FIELDS)                                   \
	X(ZTFLM_OPTIONS_SQUEEZE, SqueezeOptions, ZTFLM_SQUEEZE_FIELDS)                             \
	X(ZTFLM_OPTIONS_STRIDED_SLICE, StridedSliceOptions, ZTFLM_STRIDED_SLICE_FIELDS)            \
	X(ZTFLM_OPTIONS_SUB, SubOptions, ZTFLM_ARITH_FIELDS)                                       \
	X(ZTFLM_OPTIONS_SVDF, SVDFOptions, ZTFLM_SVDF_FIELDS)                                      \
	X(ZTFLM_OPTIONS_TRANSPOSE_CONV, TransposeConvOptions, ZTFLM_TRANSPOSE_CONV_FIELDS)         \
	X(ZTFLM_OPTIONS_UNIDIRECTIONAL_SEQUENCE_LSTM, UnidirectionalSequenceLSTMOptions,           \
	  ZTFLM_UNIDIRECTIONAL_SEQUENCE_LSTM_FIELDS)                                               \
	X(ZTFLM_OPTIONS_UNPACK, UnpackOptions, ZTFLM_UNPACK_FIELDS)                                \
	X(ZTFLM_OPTIONS_VAR_HANDLE, VarHandleOptions, ZTFLM_VAR_HANDLE_FIELDS)                     \
	X(ZTFLM_OPTIONS_WHILE, WhileOptions, ZTFLM_WHILE_FIELDS)                                   \
	X(ZTFLM_OPTIONS_ZEROS_LIKE, ZerosLikeOptions, ZTFLM_NO_FIELDS)

/* Metadata name of TFLM's offline memory plan. */
#define ZTFLM_OFFLINE_PLAN_NAME "OfflineMemoryAllocation"

#endif /* ZTFLM_SCHEMA_H_ */
