/*
 * SOFTMAX on int8 input (Arm DSP extension): the reference computation (gemmlowp fixed point
 * exactly as TFLM, int8 or int16 out) with the row maximum four values a step (SSUB8 and
 * SEL). The exponentials are the reference's: rows are short (the class count) and their
 * cost is the fixed-point exp.
 */
#include "arm_dsp/dsp.h"
#include "ops/softmax.h"

static int32_t row_max_dsp(const int8_t *x, int32_t depth)
{
	uint32_t max4 = 0x80808080u;
	int32_t max = INT8_MIN;
	int32_t c = 0;

	for (; c + 4 <= depth; c += 4) {
		max4 = ztflm_dsp_max_s8x4(max4, ztflm_dsp_load4(x + c));
	}
	for (uint32_t i = 0; i < 32u; i += 8u) {
		const int32_t v = (int8_t)(uint8_t)(max4 >> i);

		max = v > max ? v : max;
	}
	for (; c < depth; c++) {
		max = x[c] > max ? x[c] : max;
	}
	return max;
}

ZTFLM_SOFTMAX_S8_VARIANTS(arm_dsp, row_max_dsp);
