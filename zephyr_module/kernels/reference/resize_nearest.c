/* RESIZE_NEAREST_NEIGHBOR, reference variants: each output pixel a copy of its nearest input pixel. */
#include <math.h>
#include <string.h>

#include "common/mathf.h"
#include "ops/movement.h"
#include "ops/resize.h"

/* TFLM GetNearestNeighbor, with the scale it computes on every call computed once. */
static inline int32_t nearest(int32_t y, int32_t in, float scale, bool align_corners,
			      bool half_pixel_centers)
{
	const float v = ((float)y + (half_pixel_centers ? 0.5f : 0.0f)) * scale;
	int32_t n = (int32_t)(align_corners ? ztflm_roundf(v) : floorf(v));

	n = n < in - 1 ? n : in - 1;
	return half_pixel_centers && n < 0 ? 0 : n;
}

static inline void resize(const struct ztflm_resize_params *p, const uint8_t *in, uint8_t *out,
			  uint32_t size)
{
	const uint32_t pixel = p->depth * size;
	const uint32_t row = (uint32_t)p->in_w * pixel;

	for (uint32_t b = 0; b < p->batches; b++) {
		const uint8_t *image = in + b * (uint32_t)p->in_h * row;

		for (int32_t y = 0; y < p->out_h; y++) {
			const uint8_t *src = image + (uint32_t)nearest(y, p->in_h, p->scale_h,
							       p->align_corners,
							       p->half_pixel_centers) * row;

			for (int32_t x = 0; x < p->out_w; x++) {
				const int32_t sx = nearest(x, p->in_w, p->scale_w, p->align_corners,
							   p->half_pixel_centers);

				memcpy(out, src + (uint32_t)sx * pixel, pixel);
				out += pixel;
			}
		}
	}
}

ZTFLM_MOVE_VARIANT(resize_nearest_s8_ref, ZTFLM_INT8, resize, 1u);
ZTFLM_MOVE_VARIANT(resize_nearest_s16_ref, ZTFLM_INT16, resize, 2u);
ZTFLM_MOVE_VARIANT(resize_nearest_f32_ref, ZTFLM_FLOAT32, resize, 4u);
