/* Status codes, tensor types and the tensor view shared by the API and the kernels. */
#ifndef ZTFLM_TYPES_H_
#define ZTFLM_TYPES_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ztflm/config.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Every ztflm call returns ZTFLM_OK or one of the negative codes; ztflm_invoke also 1. */
enum ztflm_status {
	ZTFLM_OK = 0,
	/**
	 * Not an error, from ztflm_invoke: an operator ended the invoke early, as TFLM's
	 * kTfLiteAbort (CIRCULAR_BUFFER between two of its strides); the operators after it did
	 * not run and their outputs keep their last values.
	 */
	ZTFLM_STOPPED = 1,
	ZTFLM_ERR_INVALID_ARG = -1, /**< a caller argument is wrong */
	ZTFLM_ERR_MODEL = -2,       /**< the model is malformed */
	ZTFLM_ERR_UNSUPPORTED = -3, /**< an op, type or parameter this build cannot run */
	ZTFLM_ERR_ARENA = -4,       /**< the arena is too small */
	ZTFLM_ERR_STATE = -5,       /**< a call out of order (invoke before allocate) */
	ZTFLM_ERR_KERNEL = -6,      /**< a kernel failed while running */
};

/** Tensor element types; the values are the TFLite schema's TensorType. */
enum ztflm_type {
	ZTFLM_FLOAT32 = 0,
	ZTFLM_FLOAT16 = 1,
	ZTFLM_INT32 = 2,
	ZTFLM_UINT8 = 3,
	ZTFLM_INT64 = 4,
	ZTFLM_STRING = 5,
	ZTFLM_BOOL = 6,
	ZTFLM_INT16 = 7,
	ZTFLM_COMPLEX64 = 8,
	ZTFLM_INT8 = 9,
	ZTFLM_FLOAT64 = 10,
	ZTFLM_COMPLEX128 = 11,
	ZTFLM_UINT64 = 12,
	ZTFLM_RESOURCE = 13,
	ZTFLM_VARIANT = 14,
	ZTFLM_UINT32 = 15,
	ZTFLM_UINT16 = 16,
	ZTFLM_INT4 = 17,
	ZTFLM_BFLOAT16 = 18,
};

/** Fused activation functions (schema ActivationFunctionType). */
enum ztflm_activation {
	ZTFLM_ACT_NONE = 0,
	ZTFLM_ACT_RELU = 1,
	ZTFLM_ACT_RELU_N1_TO_1 = 2,
	ZTFLM_ACT_RELU6 = 3,
	ZTFLM_ACT_TANH = 4,
	ZTFLM_ACT_SIGN_BIT = 5,
};

/** Padding (schema Padding). */
enum ztflm_padding {
	ZTFLM_PADDING_SAME = 0,
	ZTFLM_PADDING_VALID = 1,
};

#define ZTFLM_MAX_DIMS 8

/**
 * A view of one tensor, filled on demand from the model and the plan.
 * Nothing here owns memory: dims and scales point into the model.
 */
struct ztflm_tensor {
	void *data;               /**< NULL while planning, for non-constant tensors */
	const int32_t *dims;      /**< dims_count entries, in the model */
	int32_t dims_count;
	int32_t index;            /**< tensor index in the subgraph */
	uint32_t elements;        /**< product of dims */
	uint32_t bytes;           /**< elements times the element size */
	uint8_t type;             /**< enum ztflm_type */
	bool is_const;            /**< data lives in the model */
	bool is_variable;         /**< state kept across invokes (persistent) */
	float scale;              /**< first scale, 0 when not quantized */
	int32_t zero_point;       /**< first zero point */
	const float *scales;      /**< scale_count entries, in the model */
	int32_t scale_count;      /**< 0 when not quantized, >1 per channel */
	int32_t quantized_dimension;
};

/** Size in bytes of one element, 0 for types ztflm cannot hold in an arena. */
uint32_t ztflm_type_size(uint8_t type);

/**
 * Bytes that elements elements of type take: elements times the element size, or half of
 * them rounded up for INT4 (packed two to a byte, constant weights only); 0 when the type
 * has no size. Elements up to 2^32: a product of dimensions the verifier bounded.
 */
uint64_t ztflm_type_bytes(uint8_t type, uint32_t elements);

/** Name of a tensor type ("INT8"), "UNKNOWN" for values outside the schema. */
const char *ztflm_type_name(uint8_t type);

#ifdef __cplusplus
}
#endif

#endif /* ZTFLM_TYPES_H_ */
