/* PACK: compute variants (rows joined; the op data is a struct ztflm_rows). */
#ifndef ZTFLM_KERNELS_OPS_PACK_H_
#define ZTFLM_KERNELS_OPS_PACK_H_

#include "ops/rows.h"

extern const struct ztflm_variant ztflm_pack_s8_ref;
extern const struct ztflm_variant ztflm_pack_s16_ref;
extern const struct ztflm_variant ztflm_pack_s32_ref;
extern const struct ztflm_variant ztflm_pack_s64_ref;
extern const struct ztflm_variant ztflm_pack_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_PACK_H_ */
