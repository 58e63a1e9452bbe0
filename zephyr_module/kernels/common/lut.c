/* int8 lookup tables of float functions (see lut.h). */
#include <math.h>

#include "common/lut.h"
#include "common/mathf.h"

void ztflm_lut_s8(int8_t table[256], float in_scale, int32_t in_zero_point, float out_scale,
		  int32_t out_zero_point, float (*f)(float))
{
	const float inverse_scale = 1.0f / out_scale;

	for (int32_t q = INT8_MIN; q <= INT8_MAX; q++) {
		const float y = f(in_scale * (float)(q - in_zero_point));
		const float shifted = ztflm_roundf(y * inverse_scale) + (float)out_zero_point;
		/* Out of int32 or NaN: x86's conversion gives INT32_MIN, saturated to -128. */
		const int32_t r = (shifted >= -2147483648.0f && shifted < 2147483648.0f)
					  ? (int32_t)shifted
					  : INT32_MIN;

		table[(uint8_t)(int8_t)q] = (int8_t)(r < INT8_MIN ? INT8_MIN
							 : (r > INT8_MAX ? INT8_MAX : r));
	}
}
