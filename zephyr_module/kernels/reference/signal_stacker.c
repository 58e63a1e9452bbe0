/* SignalStacker, reference variant and state reset. */
#include <string.h>

#include "ops/signal.h"

static int16_t *values_of(const struct ztflm_signal_stacker_params *p)
{
	return (int16_t *)(uintptr_t)(p + 1);
}

void ztflm_signal_stacker_reset(void *params)
{
	struct ztflm_signal_stacker_params *p = params;

	p->count = 0;
	p->started = 0;
	memset(values_of(p), 0, p->size * sizeof(int16_t));
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	/* The state lives in the op data: this operator writes its own parameters' tail. */
	struct ztflm_signal_stacker_params *p = (struct ztflm_signal_stacker_params *)params;
	int16_t *held = values_of(p);
	int16_t *out = ztflm_output_data(ctx, 0);
	bool *valid = ztflm_output_data(ctx, 1);

	memcpy(held + p->count, ztflm_input_data(ctx, 0), p->channels * sizeof(int16_t));
	p->count += p->channels;
	if (!p->started) {
		/* The first frame stands in for the left context it has no past for. */
		for (uint32_t k = 0; k < p->left; k++) {
			memcpy(held + p->count, held + p->count - p->channels,
			       p->channels * sizeof(int16_t));
			p->count += p->channels;
		}
		p->started = 1;
	}
	*valid = p->count >= p->size;
	if (!*valid) {
		/* TFLM leaves the output as it was: zeros here. */
		memset(out, 0, p->size * sizeof(int16_t));
		return ZTFLM_OK;
	}
	memcpy(out, held, p->size * sizeof(int16_t));
	p->count -= p->step_size;
	memmove(held, held + p->step_size, p->count * sizeof(int16_t));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_stacker_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval, NULL, NULL);
