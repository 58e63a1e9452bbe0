/* CONCATENATION, reference variants: each input's rows copied into the output's, any type. */
#include <string.h>

#include "ops/concatenation.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_concatenation_params *p = params;
	uint8_t *out = ztflm_output_data(ctx, 0);

	for (int32_t i = 0; i < ctx->inputs_count; i++) {
		const uint8_t *src = ztflm_input_data(ctx, i);
		const uint32_t row = p->input_row[i];
		uint8_t *dst = out;

		for (uint32_t k = 0; row > 0 && k < p->outer; k++) {
			memcpy(dst, src, row);
			src += row;
			dst += p->output_row;
		}
		out += row;
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(concatenation_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
ZTFLM_VARIANT(concatenation_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
ZTFLM_VARIANT(concatenation_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
ZTFLM_VARIANT(concatenation_s32_ref, ZTFLM_INT32, ZTFLM_INT32, eval, NULL, NULL);
ZTFLM_VARIANT(concatenation_s64_ref, ZTFLM_INT64, ZTFLM_INT64, eval, NULL, NULL);
ZTFLM_VARIANT(concatenation_bool_ref, ZTFLM_BOOL, ZTFLM_BOOL, eval, NULL, NULL);
