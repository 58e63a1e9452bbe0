/* LOGISTIC: compute functions (parameters shared with TANH in ops/q4_activation.h). */
#ifndef ZTFLM_KERNELS_OPS_LOGISTIC_H_
#define ZTFLM_KERNELS_OPS_LOGISTIC_H_

#include <stdint.h>

#include "ops/q4_activation.h"

void ztflm_logistic_s8(const struct ztflm_q4_params *p, const int8_t *in, int8_t *out);
void ztflm_logistic_f32(const struct ztflm_q4_params *p, const float *in, float *out);

#endif /* ZTFLM_KERNELS_OPS_LOGISTIC_H_ */
