/* CONCATENATION: parameters and the compute function (a strided copy, type-agnostic). */
#ifndef ZTFLM_KERNELS_OPS_CONCATENATION_H_
#define ZTFLM_KERNELS_OPS_CONCATENATION_H_

#include <stdint.h>

/*
 * Seen from the axis, every tensor is outer rows; a row of the output is the
 * rows of the inputs one after the other.
 */
struct ztflm_concatenation_params {
	uint32_t outer;      /**< product of the dimensions before the axis */
	uint32_t output_row; /**< bytes of one output row */
};

/**
 * Copy one input into the output: outer rows of input_row bytes, each to
 * offset bytes into the matching output row.
 */
void ztflm_concatenation_copy(const struct ztflm_concatenation_params *p, const void *in,
			      uint32_t input_row, uint32_t offset, void *out);

#endif /* ZTFLM_KERNELS_OPS_CONCATENATION_H_ */
