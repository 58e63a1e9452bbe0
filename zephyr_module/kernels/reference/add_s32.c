/* ADD of int32 tensors with broadcasting (reference). */
#include "common/quant.h"
#include "ops/add_sub.h"

/* Wraps on overflow like TFLM's int32 arithmetic does in practice. */
static inline int32_t one(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	const int32_t r = (int32_t)((uint32_t)x + (uint32_t)y);

	return ztflm_clamp_i32(r, p->act.q.min, p->act.q.max);
}

void ztflm_add_s32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int32_t *in1, const int32_t *in2, int32_t *out)
{
	const uint32_t ndims = b->ndims;

	if (ndims == 0) {
		return;
	}
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint32_t n = d[0].count;
	const uint32_t sa = d[0].a_stride;
	const uint32_t sb = d[0].b_stride;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	do {
		const int32_t *x = in1 + ia;
		const int32_t *y = in2 + ib;

		for (uint32_t i = 0; i < n; i++) {
			out[i] = one(p, x[i * sa], y[i * sb]);
		}
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
