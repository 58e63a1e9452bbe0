/* Every kernel ztflm provides, as X(BUILTIN_NAME, kernel_name): the list resolvers are made from. */
#ifndef ZTFLM_KERNELS_H_
#define ZTFLM_KERNELS_H_

#include <ztflm/kernel.h>

#define ZTFLM_KERNELS(X)                                                                           \
	X(ADD, add)                                                                                \
	X(AVERAGE_POOL_2D, average_pool_2d)                                                        \
	X(CONCATENATION, concatenation)                                                            \
	X(CONV_2D, conv_2d)                                                                        \
	X(DEPTHWISE_CONV_2D, depthwise_conv_2d)                                                    \
	X(DEQUANTIZE, dequantize)                                                                  \
	X(FULLY_CONNECTED, fully_connected)                                                        \
	X(LOGISTIC, logistic)                                                                      \
	X(MAX_POOL_2D, max_pool_2d)                                                                \
	X(MEAN, mean)                                                                              \
	X(MUL, mul)                                                                                \
	X(PAD, pad)                                                                                \
	X(PADV2, padv2)                                                                            \
	X(QUANTIZE, quantize)                                                                      \
	X(RELU, relu)                                                                              \
	X(RELU6, relu6)                                                                            \
	X(RESHAPE, reshape)                                                                        \
	X(SOFTMAX, softmax)                                                                        \
	X(SUB, sub)                                                                                \
	X(TANH, tanh)

#define ZTFLM_X_DECLARE(NAME, name) extern const struct ztflm_kernel ztflm_kernel_##name;
ZTFLM_KERNELS(ZTFLM_X_DECLARE)
#undef ZTFLM_X_DECLARE

#endif /* ZTFLM_KERNELS_H_ */
