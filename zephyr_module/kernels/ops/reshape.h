/* RESHAPE: its compute variant (a copy, when the output could not share the input's memory). */
#ifndef ZTFLM_KERNELS_OPS_RESHAPE_H_
#define ZTFLM_KERNELS_OPS_RESHAPE_H_

#include <ztflm/op.h>

/* Every type: the bytes move as they are. */
extern const struct ztflm_variant ztflm_reshape_ref;

#endif /* ZTFLM_KERNELS_OPS_RESHAPE_H_ */
