/* MIRROR_PAD, reference variants: the output row by row, each element size on its own. */
#include <string.h>

#include "ops/mirror_pad.h"
#include "ops/movement.h"

/* The input element output element o of dimension d mirrors (mirror_pad.h). */
static inline uint32_t source(const struct ztflm_pad_dim *d, uint32_t offset, uint32_t o)
{
	if (o < d->before) {
		return d->before + offset - 1u - o;
	}
	o -= d->before;
	return o < d->in ? o : d->in - 1u - offset - (o - d->in);
}

static inline void mirror_pad(const struct ztflm_mirror_pad_params *p, const uint8_t *in,
			      uint8_t *out, uint32_t size)
{
	const struct ztflm_pad_dim *d = ztflm_mirror_pad_dims(p);
	const uint32_t last = p->rank - 1u;
	const struct ztflm_pad_dim *row = &d[last];
	uint32_t stride[ZTFLM_MAX_DIMS];
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	int32_t k;

	stride[last] = 1;
	for (k = (int32_t)last; k > 0; k--) {
		stride[k - 1] = stride[k] * d[k].in;
	}
	for (k = 0; k <= (int32_t)last; k++) {
		if (d[k].before + d[k].in + d[k].after == 0u) {
			return; /* an empty output */
		}
	}
	do {
		uint32_t base = 0;

		for (k = 0; k < (int32_t)last; k++) {
			base += source(&d[k], p->offset, idx[k]) * stride[k];
		}
		const uint8_t *src = in + base * size;

		/* The row: its leading mirror, the input row, its trailing mirror. */
		for (uint32_t x = 0; x < row->before; x++, out += size) {
			memcpy(out, src + (row->before + p->offset - 1u - x) * size, size);
		}
		memcpy(out, src, row->in * size);
		out += row->in * size;
		for (uint32_t x = 0; x < row->after; x++, out += size) {
			memcpy(out, src + (row->in - 1u - p->offset - x) * size, size);
		}
		/* The next output row: an odometer over the outer dimensions. */
		for (k = (int32_t)last - 1; k >= 0; k--) {
			if (++idx[k] < d[k].before + d[k].in + d[k].after) {
				break;
			}
			idx[k] = 0;
		}
	} while (k >= 0);
}

ZTFLM_MOVE_VARIANT(mirror_pad_s8_ref, ZTFLM_INT8, mirror_pad, 1u);
ZTFLM_MOVE_VARIANT(mirror_pad_f32_ref, ZTFLM_FLOAT32, mirror_pad, 4u);
