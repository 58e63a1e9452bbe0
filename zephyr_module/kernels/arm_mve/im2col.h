/* The im2col column of CONV_2D's Helium variants (int8 and 16x8), with Helium's copies. */
#ifndef ZTFLM_KERNELS_ARM_MVE_IM2COL_H_
#define ZTFLM_KERNELS_ARM_MVE_IM2COL_H_

#include "arm_mve/mve.h"
#include "ops/conv_im2col.h"

ZTFLM_CONV_IM2COL(ztflm_mve_im2col, ztflm_mve_fill, ztflm_mve_copy)

#endif /* ZTFLM_KERNELS_ARM_MVE_IM2COL_H_ */
