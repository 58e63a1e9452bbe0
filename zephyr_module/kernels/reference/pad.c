/* PAD of any 1-, 2- or 4-byte element type (reference): data movement only. */
#include <string.h>

#include "ops/pad.h"

static uint8_t *fill(uint8_t *out, const uint8_t *value, uint32_t size, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		memcpy(out, value, size);
		out += size;
	}
	return out;
}

void ztflm_pad(const struct ztflm_pad_params *p, uint32_t size, const void *in_data,
	       const void *value_data, void *out_data)
{
	const struct ztflm_pad_dim *d = ztflm_pad_dims(p);
	const uint32_t nd = p->ndims;
	const uint8_t *in = in_data;
	const uint8_t *value = value_data;
	uint8_t *out = out_data;
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
	out = fill(out, value, size, d[0].before * step[0]);
	idx[0] = 0;
	for (;;) {
		if (idx[k] < d[k].in && k + 1 < nd) {
			k++;
			idx[k] = 0;
			out = fill(out, value, size, d[k].before * step[k]);
			continue;
		}
		if (k + 1 == nd && d[k].in > 0) {
			memcpy(out, in, d[k].in * size);
			in += d[k].in * size;
			out += d[k].in * size;
		}
		out = fill(out, value, size, d[k].after * step[k]);
		if (k == 0) {
			break;
		}
		k--;
		idx[k]++;
	}
}
