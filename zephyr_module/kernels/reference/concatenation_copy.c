/* CONCATENATION of one input into the output, any element type (reference). */
#include <string.h>

#include "ops/concatenation.h"

void ztflm_concatenation_copy(const struct ztflm_concatenation_params *p, const void *in,
			      uint32_t input_row, uint32_t offset, void *out)
{
	const uint8_t *src = in;
	uint8_t *dst = (uint8_t *)out + offset;

	if (input_row == 0) {
		return;
	}
	for (uint32_t k = 0; k < p->outer; k++) {
		memcpy(dst, src, input_row);
		src += input_row;
		dst += p->output_row;
	}
}
