/* SHAPE: its compute variant. */
#ifndef ZTFLM_KERNELS_OPS_SHAPE_H_
#define ZTFLM_KERNELS_OPS_SHAPE_H_

#include <ztflm/op.h>

/* Any input type, an int32 output (TFLM writes no other). */
extern const struct ztflm_variant ztflm_shape_s32_ref;

#endif /* ZTFLM_KERNELS_OPS_SHAPE_H_ */
