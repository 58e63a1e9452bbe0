/* ADD of int16 tensors with broadcasting (reference). */
#include "common/quant.h"
#include "ops/add_sub.h"

/* TFLM's general quantized path: both inputs to a common scale, then to the output's. */
static inline int16_t one(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	const int32_t shifted1 = (p->input1_offset + x) * ((int32_t)1 << p->left_shift);
	const int32_t shifted2 = (p->input2_offset + y) * ((int32_t)1 << p->left_shift);
	const int32_t scaled1 =
		ztflm_mbqm_smaller_than_one(shifted1, p->input1_multiplier, p->input1_shift);
	const int32_t scaled2 =
		ztflm_mbqm_smaller_than_one(shifted2, p->input2_multiplier, p->input2_shift);
	const int32_t raw = ztflm_mbqm_smaller_than_one(scaled1 + scaled2, p->output_multiplier,
							p->output_shift) +
			    p->output_offset;

	return (int16_t)ztflm_clamp_i32(raw, p->act.q.min, p->act.q.max);
}

void ztflm_add_s16(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int16_t *in1, const int16_t *in2, int16_t *out)
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
		const int16_t *x = in1 + ia;
		const int16_t *y = in2 + ib;

		for (uint32_t i = 0; i < n; i++) {
			out[i] = one(p, x[i * sa], y[i * sb]);
		}
		out += n;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
