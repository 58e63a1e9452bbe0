/* int8 lookup tables of float functions, filled as TFLM's PopulateLookupTable fills them. */
#ifndef ZTFLM_KERNELS_COMMON_LUT_H_
#define ZTFLM_KERNELS_COMMON_LUT_H_

#include <stdint.h>

/**
 * table[(uint8_t)q] = f applied to q dequantized (in_scale, in_zero_point), quantized to the
 * output (1 / out_scale in float, rounded half away from zero, the zero point added in float,
 * converted as x86 converts, saturated to int8), for every int8 q.
 */
void ztflm_lut_s8(int8_t table[256], float in_scale, int32_t in_zero_point, float out_scale,
		  int32_t out_zero_point, float (*f)(float));

#endif /* ZTFLM_KERNELS_COMMON_LUT_H_ */
