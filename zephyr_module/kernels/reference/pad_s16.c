/* PAD of int16 tensors (reference). */
#include <string.h>

#include "ops/pad.h"

static void fill(int16_t *out, int16_t value, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		out[i] = value;
	}
}

void ztflm_pad_s16(const struct ztflm_pad_params *p, const int16_t *in, int16_t value, int16_t *out)
{
	const struct ztflm_pad_dim *d = ztflm_pad_dims(p);
	const uint32_t nd = p->ndims;
	/* Output elements of one step along each dimension; the loop counters. */
	uint32_t step[ZTFLM_PAD_MAX_DIMS];
	uint32_t idx[ZTFLM_PAD_MAX_DIMS];
	uint32_t k = 0;

	step[nd - 1] = 1;
	for (uint32_t j = nd - 1; j > 0; j--) {
		step[j - 1] = step[j] * (d[j].before + d[j].in + d[j].after);
	}
	/*
	 * Walk the output in order: entering dimension k writes its leading
	 * padding, leaving it its trailing padding; the innermost copies a row.
	 */
	fill(out, value, d[0].before * step[0]);
	out += d[0].before * step[0];
	idx[0] = 0;
	for (;;) {
		if (idx[k] < d[k].in && k + 1 < nd) {
			k++;
			idx[k] = 0;
			fill(out, value, d[k].before * step[k]);
			out += d[k].before * step[k];
			continue;
		}
		if (k + 1 == nd && d[k].in > 0) {
			memcpy(out, in, d[k].in * sizeof(*in));
			in += d[k].in;
			out += d[k].in;
		}
		fill(out, value, d[k].after * step[k]);
		out += d[k].after * step[k];
		if (k == 0) {
			break;
		}
		k--;
		idx[k]++;
	}
}
