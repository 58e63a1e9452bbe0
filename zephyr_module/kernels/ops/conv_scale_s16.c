/* The 16x8 rescaling the convolution-like operators share at eval (see conv_common.h). */
#include <string.h>

#include "ops/conv_common.h"

int32_t ztflm_conv_scale_s16(int64_t sum, const void *bias, uint32_t i, int32_t acc32,
			     int32_t multiplier, int32_t shift)
{
	if (acc32) {
		uint32_t acc = (uint32_t)(uint64_t)sum;

		if (bias != NULL) {
			acc += (uint32_t)((const int32_t *)bias)[i];
		}
		return ztflm_mbqm((int32_t)acc, multiplier, shift);
	}
	uint64_t acc = (uint64_t)sum;

	if (bias != NULL) {
		int64_t b;

		/* An int64 in the model is 4-byte aligned only. */
		memcpy(&b, (const uint8_t *)bias + 8u * i, sizeof(b));
		acc += (uint64_t)b;
	}
	return ztflm_mbqm64((int64_t)acc, multiplier, shift);
}
