/* DYNAMIC_UPDATE_SLICE: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_DYNAMIC_UPDATE_SLICE_H_
#define ZTFLM_KERNELS_OPS_DYNAMIC_UPDATE_SLICE_H_

#include "ops/strided.h"

struct ztflm_dynamic_update_slice_params {
	struct ztflm_strided nest; /**< the update's place in the output, from element 0 */
	uint32_t bytes;            /**< of the operand and the output */
	uint32_t rank;
	uint32_t index_type;       /**< of the start indices: INT32 or INT64 */
	int32_t strides[ZTFLM_MAX_DIMS];   /**< the output's, in elements */
	int32_t max_start[ZTFLM_MAX_DIMS]; /**< operand minus update dimension: starts clamp to it */
};

extern const struct ztflm_variant ztflm_dynamic_update_slice_s8_ref;
extern const struct ztflm_variant ztflm_dynamic_update_slice_s16_ref;
extern const struct ztflm_variant ztflm_dynamic_update_slice_s32_ref;
extern const struct ztflm_variant ztflm_dynamic_update_slice_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_DYNAMIC_UPDATE_SLICE_H_ */
