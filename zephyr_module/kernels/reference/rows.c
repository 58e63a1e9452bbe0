/* The rows family's copies: parts joined into a whole, or a whole split into parts. */
#include <string.h>

#include "ops/rows.h"

int ztflm_rows_join(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_rows *r = params;
	uint8_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t i = 0; i < r->count; i++) {
		const uint8_t *src = ztflm_input_data(ctx, (int32_t)i);
		const uint32_t part = r->part[i];
		uint8_t *dst = out;

		for (uint32_t k = 0; part > 0u && k < r->outer; k++) {
			memcpy(dst, src, part);
			src += part;
			dst += r->row;
		}
		out += part;
	}
	return ZTFLM_OK;
}

int ztflm_rows_split(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_rows *r = params;
	const uint8_t *in = ztflm_input_data(ctx, (int32_t)r->whole);

	for (uint32_t i = 0; i < r->count; i++) {
		uint8_t *dst = ztflm_output_data(ctx, (int32_t)i);
		const uint32_t part = r->part[i];
		const uint8_t *src = in;

		for (uint32_t k = 0; part > 0u && k < r->outer; k++) {
			memcpy(dst, src, part);
			src += r->row;
			dst += part;
		}
		in += part;
	}
	return ZTFLM_OK;
}
