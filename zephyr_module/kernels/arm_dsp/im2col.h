/* The im2col column of CONV_2D's Arm DSP variants (int8 and 16x8), with the C library's copies. */
#ifndef ZTFLM_KERNELS_ARM_DSP_IM2COL_H_
#define ZTFLM_KERNELS_ARM_DSP_IM2COL_H_

#include <string.h>

#include "ops/conv_im2col.h"

ZTFLM_CONV_IM2COL(ztflm_dsp_im2col, memset, memcpy)

#endif /* ZTFLM_KERNELS_ARM_DSP_IM2COL_H_ */
