/* CIRCULAR_BUFFER, reference variant and state reset. */
#include <string.h>

#include "ops/circular_buffer.h"

static int8_t *buffer_of(const struct ztflm_circular_buffer_params *p)
{
	return (int8_t *)(uintptr_t)(p + 1);
}

void ztflm_circular_buffer_reset(void *params)
{
	struct ztflm_circular_buffer_params *p = params;

	memset(buffer_of(p), p->fill, (size_t)p->slots * p->depth);
	p->until_run = p->cycles_max;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	/* The state is the op data's, which parse sized for this node. */
	struct ztflm_circular_buffer_params *p = (struct ztflm_circular_buffer_params *)params;
	int8_t *buf = buffer_of(p);
	const uint32_t keep = (p->slots - 1u) * p->depth;

	memmove(buf, buf + p->depth, keep);
	memcpy(buf + keep, ztflm_input_data(ctx, 0), p->depth);
	memcpy(ztflm_output_data(ctx, 0), buf, keep + p->depth);
	p->until_run--;
	const bool run = p->until_run <= 0;

	if (run) {
		p->until_run = p->cycles_max;
	}
	if (p->valid) {
		*(bool *)ztflm_output_data(ctx, 1) = run;
		return ZTFLM_OK;
	}
	return run ? ZTFLM_OK : ZTFLM_STOPPED;
}

ZTFLM_VARIANT(circular_buffer_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval, NULL, NULL);
