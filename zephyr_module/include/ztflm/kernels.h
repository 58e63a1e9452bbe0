/*
 * The op table: every operator ztflm provides. The resolver of all operators, the resolver
 * tflm-convert generates, the Python tools, the fuzzers' structure table, the test inventory
 * and the README's operator list all derive from these two lists (tests/host/test_op_table.py).
 */
#ifndef ZTFLM_KERNELS_H_
#define ZTFLM_KERNELS_H_

#include <ztflm/op.h>

/* Builtin operators, as X(BUILTIN_NAME, op_name): the descriptor is ztflm_op_<op_name>. */
#define ZTFLM_OPS(X)                                                                               \
	X(ABS, abs)                                                                                \
	X(ADD, add)                                                                                \
	X(ADD_N, add_n)                                                                            \
	X(ARG_MAX, arg_max)                                                                        \
	X(ARG_MIN, arg_min)                                                                        \
	X(ASSIGN_VARIABLE, assign_variable)                                                        \
	X(AVERAGE_POOL_2D, average_pool_2d)                                                        \
	X(BATCH_MATMUL, batch_matmul)                                                              \
	X(BATCH_TO_SPACE_ND, batch_to_space_nd)                                                    \
	X(BROADCAST_ARGS, broadcast_args)                                                          \
	X(BROADCAST_TO, broadcast_to)                                                              \
	X(CALL_ONCE, call_once)                                                                    \
	X(CAST, cast)                                                                              \
	X(CEIL, ceil)                                                                              \
	X(CONCATENATION, concatenation)                                                            \
	X(CONV_2D, conv_2d)                                                                        \
	X(COS, cos)                                                                                \
	X(CUMSUM, cumsum)                                                                          \
	X(DEPTHWISE_CONV_2D, depthwise_conv_2d)                                                    \
	X(DEPTH_TO_SPACE, depth_to_space)                                                          \
	X(DEQUANTIZE, dequantize)                                                                  \
	X(DIV, div)                                                                                \
	X(DYNAMIC_UPDATE_SLICE, dynamic_update_slice)                                              \
	X(ELU, elu)                                                                                \
	X(EMBEDDING_LOOKUP, embedding_lookup)                                                      \
	X(EQUAL, equal)                                                                            \
	X(EXP, exp)                                                                                \
	X(EXPAND_DIMS, expand_dims)                                                                \
	X(FILL, fill)                                                                              \
	X(FLOOR, floor)                                                                            \
	X(FLOOR_DIV, floor_div)                                                                    \
	X(FLOOR_MOD, floor_mod)                                                                    \
	X(FULLY_CONNECTED, fully_connected)                                                        \
	X(GATHER, gather)                                                                          \
	X(GATHER_ND, gather_nd)                                                                    \
	X(GREATER, greater)                                                                        \
	X(GREATER_EQUAL, greater_equal)                                                            \
	X(HARD_SWISH, hard_swish)                                                                  \
	X(IF, if)                                                                                  \
	X(L2_NORMALIZATION, l2_normalization)                                                      \
	X(L2_POOL_2D, l2_pool_2d)                                                                  \
	X(LEAKY_RELU, leaky_relu)                                                                  \
	X(LESS, less)                                                                              \
	X(LESS_EQUAL, less_equal)                                                                  \
	X(LOG, log)                                                                                \
	X(LOGICAL_AND, logical_and)                                                                \
	X(LOGICAL_NOT, logical_not)                                                                \
	X(LOGICAL_OR, logical_or)                                                                  \
	X(LOGISTIC, logistic)                                                                      \
	X(LOG_SOFTMAX, log_softmax)                                                                \
	X(MAXIMUM, maximum)                                                                        \
	X(MAX_POOL_2D, max_pool_2d)                                                                \
	X(MEAN, mean)                                                                              \
	X(MINIMUM, minimum)                                                                        \
	X(MIRROR_PAD, mirror_pad)                                                                  \
	X(MUL, mul)                                                                                \
	X(NEG, neg)                                                                                \
	X(NOT_EQUAL, not_equal)                                                                    \
	X(PACK, pack)                                                                              \
	X(PAD, pad)                                                                                \
	X(PADV2, padv2)                                                                            \
	X(PRELU, prelu)                                                                            \
	X(QUANTIZE, quantize)                                                                      \
	X(READ_VARIABLE, read_variable)                                                            \
	X(REDUCE_ALL, reduce_all)                                                                  \
	X(REDUCE_MAX, reduce_max)                                                                  \
	X(REDUCE_MIN, reduce_min)                                                                  \
	X(RELU, relu)                                                                              \
	X(RELU6, relu6)                                                                            \
	X(RESHAPE, reshape)                                                                        \
	X(RESIZE_BILINEAR, resize_bilinear)                                                        \
	X(RESIZE_NEAREST_NEIGHBOR, resize_nearest_neighbor)                                        \
	X(REVERSE_V2, reverse_v2)                                                                  \
	X(ROUND, round)                                                                            \
	X(RSQRT, rsqrt)                                                                            \
	X(SELECT_V2, select_v2)                                                                    \
	X(SHAPE, shape)                                                                            \
	X(SIN, sin)                                                                                \
	X(SLICE, slice)                                                                            \
	X(SOFTMAX, softmax)                                                                        \
	X(SPACE_TO_BATCH_ND, space_to_batch_nd)                                                    \
	X(SPACE_TO_DEPTH, space_to_depth)                                                          \
	X(SPLIT, split)                                                                            \
	X(SPLIT_V, split_v)                                                                        \
	X(SQRT, sqrt)                                                                              \
	X(SQUARE, square)                                                                          \
	X(SQUARED_DIFFERENCE, squared_difference)                                                  \
	X(SQUEEZE, squeeze)                                                                        \
	X(STRIDED_SLICE, strided_slice)                                                            \
	X(SUB, sub)                                                                                \
	X(SUM, sum)                                                                                \
	X(SVDF, svdf)                                                                              \
	X(TANH, tanh)                                                                              \
	X(TRANSPOSE, transpose)                                                                    \
	X(TRANSPOSE_CONV, transpose_conv)                                                          \
	X(UNIDIRECTIONAL_SEQUENCE_LSTM, unidirectional_sequence_lstm)                              \
	X(UNPACK, unpack)                                                                          \
	X(VAR_HANDLE, var_handle)                                                                  \
	X(WHILE, while)                                                                            \
	X(ZEROS_LIKE, zeros_like)

/* Custom operators, as X("CustomName", op_name). */
#define ZTFLM_CUSTOM_OPS(X)                                                                        \
	X("CIRCULAR_BUFFER", circular_buffer)                                                      \
	X("SignalDelay", signal_delay)                                                             \
	X("SignalEnergy", signal_energy)                                                           \
	X("SignalFftAutoScale", signal_fft_auto_scale)                                             \
	X("SignalFilterBank", signal_filter_bank)                                                  \
	X("SignalFilterBankLog", signal_filter_bank_log)                                           \
	X("SignalFilterBankSpectralSubtraction", signal_filter_bank_spectral_subtraction)          \
	X("SignalFilterBankSquareRoot", signal_filter_bank_square_root)                            \
	X("SignalFramer", signal_framer)                                                           \
	X("SignalIrfft", signal_irfft)                                                             \
	X("SignalOverlapAdd", signal_overlap_add)                                                  \
	X("SignalPCAN", signal_pcan)                                                               \
	X("SignalRfft", signal_rfft)                                                               \
	X("SignalStacker", signal_stacker)                                                         \
	X("SignalWindow", signal_window)                                                           \
	X("TFLite_Detection_PostProcess", detection_postprocess)

#define ZTFLM_X_DECLARE(NAME, name) extern const struct ztflm_op ztflm_op_##name;
ZTFLM_OPS(ZTFLM_X_DECLARE)
ZTFLM_CUSTOM_OPS(ZTFLM_X_DECLARE)
#undef ZTFLM_X_DECLARE

#endif /* ZTFLM_KERNELS_H_ */
