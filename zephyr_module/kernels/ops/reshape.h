/* RESHAPE: the compute function (a copy, when the output could not share the input's memory). */
#ifndef ZTFLM_KERNELS_OPS_RESHAPE_H_
#define ZTFLM_KERNELS_OPS_RESHAPE_H_

#include <stdint.h>

/** Copy bytes from in to out unless they are the same buffer. */
void ztflm_reshape_copy(const void *in, void *out, uint32_t bytes);

#endif /* ZTFLM_KERNELS_OPS_RESHAPE_H_ */
