/* The strided-copy family's walks, for elements of 1, 2, 4 or 8 bytes. */
#include <string.h>

#include "ops/strided.h"

/* n elements of size bytes, step elements apart on the strided side. */
static inline void run(const uint8_t *src, ptrdiff_t src_step, uint8_t *dst, ptrdiff_t dst_step,
		       uint32_t n, uint32_t size)
{
	if (src_step == (ptrdiff_t)size && dst_step == (ptrdiff_t)size) {
		memcpy(dst, src, (size_t)n * size);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		/* size is 1, 2, 4 or 8: the compiler makes each copy one load and store. */
		switch (size) {
		case 1:
			*dst = *src;
			break;
		case 2:
			memcpy(dst, src, 2);
			break;
		case 4:
			memcpy(dst, src, 4);
			break;
		default:
			memcpy(dst, src, 8);
			break;
		}
		src += src_step;
		dst += dst_step;
	}
}

/* The walk: the in-order side advances by whole rows, the strided side by the nest. */
static void walk(const struct ztflm_strided *s, const uint8_t *in, uint8_t *out, uint32_t size,
		 bool scatter)
{
	const struct ztflm_strided_dim *d = s->dims;
	const uint32_t n = d[0].count;
	const ptrdiff_t step = (ptrdiff_t)d[0].stride * (ptrdiff_t)size;
	const ptrdiff_t row = (ptrdiff_t)n * (ptrdiff_t)size;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	ptrdiff_t at = (ptrdiff_t)s->base;
	uint32_t k;

	if (s->ndims == 0u) {
		return;
	}
	do {
		if (scatter) {
			run(in, (ptrdiff_t)size, out + at * (ptrdiff_t)size, step, n, size);
			in += row;
		} else {
			run(in + at * (ptrdiff_t)size, step, out, (ptrdiff_t)size, n, size);
			out += row;
		}
		/* The next row: an odometer over the outer loops. */
		for (k = 1; k < s->ndims; k++) {
			at += d[k].stride;
			if (++idx[k] < d[k].count) {
				break;
			}
			at -= (ptrdiff_t)d[k].stride * (ptrdiff_t)d[k].count;
			idx[k] = 0;
		}
	} while (k < s->ndims);
}

void ztflm_strided_gather(const struct ztflm_strided *s, const void *in, void *out, uint32_t size)
{
	walk(s, in, out, size, false);
}

void ztflm_strided_scatter(const struct ztflm_strided *s, const void *in, void *out, uint32_t size)
{
	walk(s, in, (uint8_t *)out, size, true);
}
