/* ELU: parameters and compute variants (element-wise unary family, ops/unary.h). */
#ifndef ZTFLM_KERNELS_OPS_ELU_H_
#define ZTFLM_KERNELS_OPS_ELU_H_

#include <stdint.h>

#include "ops/unary.h"

/* x when x >= 0, e^x - 1 when not; int8 through a table of every input's output. */
struct ztflm_elu_params {
	struct ztflm_unary unary;
	int8_t table[256]; /**< indexed by the input's bits */
};

extern const struct ztflm_variant ztflm_elu_s8_ref;
extern const struct ztflm_variant ztflm_elu_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_ELU_H_ */
