/* LOGICAL_AND, LOGICAL_OR (binary family) and LOGICAL_NOT (unary family): bool only. */
#ifndef ZTFLM_KERNELS_OPS_LOGICAL_H_
#define ZTFLM_KERNELS_OPS_LOGICAL_H_

#include "ops/binary.h"
#include "ops/unary.h"

extern const struct ztflm_variant ztflm_logical_and_bool_ref;
extern const struct ztflm_variant ztflm_logical_or_bool_ref;
extern const struct ztflm_variant ztflm_logical_not_bool_ref;

#endif /* ZTFLM_KERNELS_OPS_LOGICAL_H_ */
