/* BROADCAST_ARGS: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_BROADCAST_ARGS_H_
#define ZTFLM_KERNELS_OPS_BROADCAST_ARGS_H_

#include <ztflm/op.h>

struct ztflm_broadcast_args_params {
	uint32_t count[2]; /**< entries of each input shape */
	uint32_t out;      /**< entries of the output: the larger count */
};

extern const struct ztflm_variant ztflm_broadcast_args_s32_ref;
extern const struct ztflm_variant ztflm_broadcast_args_s64_ref;

#endif /* ZTFLM_KERNELS_OPS_BROADCAST_ARGS_H_ */
