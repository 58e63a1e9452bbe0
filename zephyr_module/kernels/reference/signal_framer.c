/* SignalFramer, reference variant and state reset. */
#include <string.h>

#include "ops/signal.h"

/* Row r's state: the count of samples held, then the samples. */
static uint32_t *row_of(const struct ztflm_signal_framer_params *p, uint32_t r)
{
	const uint32_t bytes = 4u + ztflm_signal_row_bytes(p->capacity, 2u);

	return (uint32_t *)(uintptr_t)((const uint8_t *)(p + 1) + r * bytes);
}

void ztflm_signal_framer_reset(void *params)
{
	const struct ztflm_signal_framer_params *p = params;

	/* Empty, or with frame_size - frame_step zeros so the first frame is ready at once. */
	for (uint32_t r = 0; r < p->rows; r++) {
		uint32_t *row = row_of(p, r);

		row[0] = p->prefill;
		memset(row + 1, 0, p->capacity * sizeof(int16_t));
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_framer_params *p = params;
	const int16_t *in = ztflm_input_data(ctx, 0);
	int16_t *out = ztflm_output_data(ctx, 0);
	bool *valid = ztflm_output_data(ctx, 1);

	*valid = true;
	for (uint32_t r = 0; r < p->rows; r++) {
		uint32_t *count = row_of(p, r);
		int16_t *held = (int16_t *)(void *)(count + 1);

		for (uint32_t f = 0; f < p->frames; f++) {
			const uint32_t k = r * p->frames + f;
			int16_t *frame = out + k * p->frame_size;

			/* Never more than capacity: a frame is taken as soon as it is complete. */
			memcpy(held + *count, in + k * p->frame_step, p->frame_step * sizeof(int16_t));
			*count += p->frame_step;
			if (*count < p->frame_size) {
				/* TFLM leaves this frame as it was: zeros here. */
				memset(frame, 0, p->frame_size * sizeof(int16_t));
				*valid = false;
				continue;
			}
			memcpy(frame, held, p->frame_size * sizeof(int16_t));
			*count -= p->frame_step;
			memmove(held, held + p->frame_step, *count * sizeof(int16_t));
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_framer_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
