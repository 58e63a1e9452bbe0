/* TFLM's LUTPopulate<int16_t>, step for step in float. */
#include <math.h>

#include "common/lut16.h"
#include "common/mathf.h"

/* std::min and std::max as TFLM calls them (the first operand unless the second wins). */
static float table_value(float v)
{
	const float lo = (float)INT16_MIN;
	const float hi = (float)INT16_MAX;
	const float above = v < lo ? lo : v;

	return hi < above ? hi : above;
}

void ztflm_lut16_populate(float in_scale, int32_t in_zero_point, float out_scale,
			  int32_t out_zero_point, float (*f)(float), int16_t *lut)
{
	const float input_min = in_scale * (float)(INT16_MIN - in_zero_point);
	const float input_max = in_scale * (float)(INT16_MAX - in_zero_point);
	const float output_min = out_scale * (float)(INT16_MIN - out_zero_point);
	const float output_max = out_scale * (float)(INT16_MAX - out_zero_point);
	const int steps = ZTFLM_LUT16_SIZE - 1;
	const float step = (input_max - input_min) / (float)steps;
	const float half_step = step / 2.0f;
	const float inv = 65536.0f / (output_max - output_min);

	for (int i = 0; i < steps; i++) {
		const float val = f(input_min + (float)i * step);
		const float val_midpoint = f(input_min + (float)i * step + half_step);
		const float val_next = f(input_min + (float)(i + 1) * step);
		const float sample = ztflm_roundf(val * inv);
		const float midpoint_interp = ztflm_roundf((val_next * inv + ztflm_roundf(val * inv)) / 2.0f);
		const float midpoint_err = midpoint_interp - ztflm_roundf(val_midpoint * inv);
		const float bias = ztflm_roundf(midpoint_err / 2.0f);

		lut[i] = (int16_t)table_value(sample - bias);
	}
	lut[steps] = (int16_t)table_value(ztflm_roundf(f(input_max) * inv));
}
