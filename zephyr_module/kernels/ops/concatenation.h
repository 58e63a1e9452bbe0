/* CONCATENATION: the inputs' rows joined (the rows family; the op data is a struct ztflm_rows)
 * and the compute variants, any element type. */
#ifndef ZTFLM_KERNELS_OPS_CONCATENATION_H_
#define ZTFLM_KERNELS_OPS_CONCATENATION_H_

#include "ops/rows.h"

extern const struct ztflm_variant ztflm_concatenation_f32_ref;
extern const struct ztflm_variant ztflm_concatenation_s8_ref;
extern const struct ztflm_variant ztflm_concatenation_s16_ref;
extern const struct ztflm_variant ztflm_concatenation_s32_ref;
extern const struct ztflm_variant ztflm_concatenation_s64_ref;
extern const struct ztflm_variant ztflm_concatenation_bool_ref;

#endif /* ZTFLM_KERNELS_OPS_CONCATENATION_H_ */
