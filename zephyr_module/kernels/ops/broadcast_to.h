/* BROADCAST_TO: parameters and compute variant. */
#ifndef ZTFLM_KERNELS_OPS_BROADCAST_TO_H_
#define ZTFLM_KERNELS_OPS_BROADCAST_TO_H_

#include "ops/strided.h"

struct ztflm_broadcast_to_params {
	struct ztflm_strided nest; /**< the input as the output walks it: stride 0 to repeat */
	uint32_t size;             /**< bytes of an element */
};

/* Every type ztflm holds, as TFLM copies bytes of any type. */
extern const struct ztflm_variant ztflm_broadcast_to_ref;

#endif /* ZTFLM_KERNELS_OPS_BROADCAST_TO_H_ */
