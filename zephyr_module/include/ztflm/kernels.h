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
	X(ADD, add)                                                                                \
	X(ARG_MAX, arg_max)                                                                        \
	X(ARG_MIN, arg_min)                                                                        \
	X(AVERAGE_POOL_2D, average_pool_2d)                                                        \
	X(BATCH_MATMUL, batch_matmul)                                                              \
	X(BATCH_TO_SPACE_ND, batch_to_space_nd)                                                    \
	X(CONCATENATION, concatenation)                                                            \
	X(CONV_2D, conv_2d)                                                                        \
	X(CUMSUM, cumsum)                                                                          \
	X(DEPTHWISE_CONV_2D, depthwise_conv_2d)                                                    \
	X(DEPTH_TO_SPACE, depth_to_space)                                                          \
	X(DEQUANTIZE, dequantize)                                                                  \
	X(ELU, elu)                                                                                \
	X(EMBEDDING_LOOKUP, embedding_lookup)                                                      \
	X(FULLY_CONNECTED, fully_connected)                                                        \
	X(GATHER, gather)                                                                          \
	X(GATHER_ND, gather_nd)                                                                    \
	X(HARD_SWISH, hard_swish)                                                                  \
	X(L2_NORMALIZATION, l2_normalization)                                                      \
	X(L2_POOL_2D, l2_pool_2d)                                                                  \
	X(LEAKY_RELU, leaky_relu)                                                                  \
	X(LOGISTIC, logistic)                                                                      \
	X(LOG_SOFTMAX, log_softmax)                                                                \
	X(MAX_POOL_2D, max_pool_2d)                                                                \
	X(MEAN, mean)                                                                              \
	X(MIRROR_PAD, mirror_pad)                                                                  \
	X(MUL, mul)                                                                                \
	X(PAD, pad)                                                                                \
	X(PADV2, padv2)                                                                            \
	X(PRELU, prelu)                                                                            \
	X(QUANTIZE, quantize)                                                                      \
	X(REDUCE_ALL, reduce_all)                                                                  \
	X(REDUCE_MAX, reduce_max)                                                                  \
	X(REDUCE_MIN, reduce_min)                                                                  \
	X(RELU, relu)                                                                              \
	X(RELU6, relu6)                                                                            \
	X(RESHAPE, reshape)                                                                        \
	X(RESIZE_BILINEAR, resize_bilinear)                                                        \
	X(RESIZE_NEAREST_NEIGHBOR, resize_nearest_neighbor)                                        \
	X(SOFTMAX, softmax)                                                                        \
	X(SPACE_TO_BATCH_ND, space_to_batch_nd)                                                    \
	X(SPACE_TO_DEPTH, space_to_depth)                                                          \
	X(SUB, sub)                                                                                \
	X(SUM, sum)                                                                                \
	X(TANH, tanh)                                                                              \
	X(TRANSPOSE, transpose)                                                                    \
	X(TRANSPOSE_CONV, transpose_conv)

/* Custom operators, as X("CustomName", op_name). */
#define ZTFLM_CUSTOM_OPS(X)

#define ZTFLM_X_DECLARE(NAME, name) extern const struct ztflm_op ztflm_op_##name;
ZTFLM_OPS(ZTFLM_X_DECLARE)
ZTFLM_CUSTOM_OPS(ZTFLM_X_DECLARE)
#undef ZTFLM_X_DECLARE

#endif /* ZTFLM_KERNELS_H_ */
