/* SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND, reference: one walk over the batch tensor's pixels. */
#include <string.h>

#include "ops/space_batch.h"

/* Each pixel of the batch tensor moves depth_bytes to or from its space pixel. */
static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_space_batch_params *p = params;
	uint8_t *space = p->to_space ? ztflm_output_data(ctx, 0) : ztflm_input_data(ctx, 0);
	uint8_t *batch = p->to_space ? ztflm_input_data(ctx, 0) : ztflm_output_data(ctx, 0);
	const uint32_t size = p->depth_bytes;

	for (uint32_t b = 0; b < p->batches; b++) {
		const uint32_t offset = b / p->n;
		const uint8_t *image = space + (b % p->n) * p->h * p->w * size;
		/* Unsigned: a row or column before the space tensor wraps above its size. */
		uint32_t y = offset / p->block_w - p->top;

		for (uint32_t by = 0; by < p->batch_h; by++, y += p->block_h) {
			uint32_t x = offset % p->block_w - p->left;

			for (uint32_t bx = 0; bx < p->batch_w; bx++, x += p->block_w) {
				if (y < p->h && x < p->w) {
					uint8_t *s = (uint8_t *)image + (y * p->w + x) * size;

					if (p->to_space) {
						memcpy(s, batch, size);
					} else {
						memcpy(batch, s, size);
					}
				}
				batch += size;
			}
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(space_batch_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
ZTFLM_VARIANT(space_batch_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL, NULL);
