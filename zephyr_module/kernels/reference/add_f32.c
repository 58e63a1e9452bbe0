/* ADD of float32 tensors with broadcasting (reference). */
#include "common/quant.h"
#include "ops/add_sub.h"

static inline float one(const struct ztflm_add_sub_params *p, float x, float y)
{
	return ztflm_clamp_f32(x + y, p->act.f.min, p->act.f.max);
}

void ztflm_add_f32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const float *in1, const float *in2, float *out)
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
		const float *x = in1 + ia;
		const float *y = in2 + ib;

		for (uint32_t i = 0; i < n; i++) {
			out[i] = one(p, x[i * sa], y[i * sb]);
		}
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
