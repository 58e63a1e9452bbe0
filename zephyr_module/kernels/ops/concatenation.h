/* CONCATENATION: parameters and the compute variants (a strided copy, any element type). */
#ifndef ZTFLM_KERNELS_OPS_CONCATENATION_H_
#define ZTFLM_KERNELS_OPS_CONCATENATION_H_

#include <stdint.h>

#include <ztflm/op.h>

/*
 * Seen from the axis, every tensor is outer rows; a row of the output is the rows of the
 * inputs one after the other. Op data is this struct and one row size per input.
 */
struct ztflm_concatenation_params {
	uint32_t outer;       /**< product of the dimensions before the axis */
	uint32_t output_row;  /**< bytes of one output row */
	uint32_t input_row[]; /**< bytes of one row of each input */
};

extern const struct ztflm_variant ztflm_concatenation_f32_ref;
extern const struct ztflm_variant ztflm_concatenation_s8_ref;
extern const struct ztflm_variant ztflm_concatenation_s16_ref;
extern const struct ztflm_variant ztflm_concatenation_s32_ref;
extern const struct ztflm_variant ztflm_concatenation_s64_ref;
extern const struct ztflm_variant ztflm_concatenation_bool_ref;

#endif /* ZTFLM_KERNELS_OPS_CONCATENATION_H_ */
