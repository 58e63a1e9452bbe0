/* SignalDelay, reference variant and state reset. */
#include <string.h>

#include "ops/signal.h"

static int16_t *row_of(const struct ztflm_signal_delay_params *p, uint32_t r)
{
	const uint32_t bytes = ztflm_signal_row_bytes(p->delay + p->frame, 2u);

	return (int16_t *)(uintptr_t)((const uint8_t *)(p + 1) + r * bytes);
}

void ztflm_signal_delay_reset(void *params)
{
	const struct ztflm_signal_delay_params *p = params;

	for (uint32_t r = 0; r < p->rows; r++) {
		memset(row_of(p, r), 0, p->delay * sizeof(int16_t));
	}
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_delay_params *p = params;
	const int16_t *in = ztflm_input_data(ctx, 0);
	int16_t *out = ztflm_output_data(ctx, 0);

	/* Per row: the delay held, then this frame; out goes the first frame's worth. */
	for (uint32_t r = 0; r < p->rows; r++) {
		int16_t *held = row_of(p, r);

		memcpy(held + p->delay, in + r * p->frame, p->frame * sizeof(int16_t));
		memcpy(out + r * p->frame, held, p->frame * sizeof(int16_t));
		memmove(held, held + p->frame, p->delay * sizeof(int16_t));
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_delay_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
