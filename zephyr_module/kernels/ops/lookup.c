/* The lookup family's index checks (see lookup.h), at prepare and at every invoke. */
#include <string.h>

#include "ops/lookup.h"

int ztflm_lookup_check(struct ztflm_context *ctx, const struct ztflm_lookup_params *p,
		       const int32_t *idx, int code)
{
	const uint32_t count = p->batches * p->lookups * p->nd;

	for (uint32_t i = 0; i < count; i++) {
		const uint32_t limit = p->dims[i % p->nd];
		int32_t v;

		/* A constant's data carries no alignment promise. */
		memcpy(&v, idx + i, sizeof(v));
		if (v < 0 || (uint32_t)v >= limit) {
			return ztflm_fail(ctx, code, "index %u is %d, outside [0, %u)",
					  (unsigned)i, (int)v, (unsigned)limit);
		}
	}
	return ZTFLM_OK;
}

int ztflm_lookup_finish(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_lookup_params *p, const int32_t *shape, int32_t rank,
			uint8_t data)
{
	const int rc = ztflm_check_output_shape(ctx, io, shape, rank);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (io->out[0].elements == 0) {
		/* Nothing to copy (and the products of dimensions may have wrapped past a zero). */
		p->batches = 0;
	}
	p->data = data;
	p->indices = data == 0 ? 1 : 0;
	const struct ztflm_tensor *t = &io->in[p->indices];

	if (t->type != ZTFLM_INT32) {
		return ztflm_fail_type(ctx, "indices", t->type);
	}
	/* The same check as at invoke: found before the model runs, the model is wrong. */
	return t->is_const ? ztflm_lookup_check(ctx, p, t->data, ZTFLM_ERR_MODEL) : ZTFLM_OK;
}
