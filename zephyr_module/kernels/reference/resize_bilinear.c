/* RESIZE_BILINEAR, reference variants: TFLM's float arithmetic, and its Q10 one for int8. */
#include <math.h>

#include "ops/resize.h"

/* TFLM ComputeInterpolationValues: the source coordinate and its two neighbours. */
static inline float neighbours(int32_t y, float scale, bool half, int32_t in, int32_t *lo,
			       int32_t *hi)
{
	const float v = ztflm_resize_source((float)y, scale, half);
	const int32_t f = (int32_t)floorf(v);
	const int32_t c = (int32_t)ceilf(v);

	*lo = f > 0 ? f : 0;
	*hi = c < in - 1 ? c : in - 1;
	return v;
}

static int eval_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_resize_params *p = params;
	const float *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);
	const uint32_t depth = p->depth;
	const uint32_t row = (uint32_t)p->in_w * depth;

	for (uint32_t b = 0; b < p->batches; b++) {
		const float *image = in + b * (uint32_t)p->in_h * row;

		for (int32_t y = 0; y < p->out_h; y++) {
			int32_t y0;
			int32_t y1;
			const float fy = neighbours(y, p->scale_h, p->half_pixel_centers, p->in_h,
						    &y0, &y1);
			const float dy = fy - (float)y0;
			const float *r0 = image + (uint32_t)y0 * row;
			const float *r1 = image + (uint32_t)y1 * row;

			for (int32_t x = 0; x < p->out_w; x++) {
				int32_t x0;
				int32_t x1;
				const float dx = neighbours(x, p->scale_w, p->half_pixel_centers,
							    p->in_w, &x0, &x1) -
						 (float)x0;
				const float *a = r0 + (uint32_t)x0 * depth;
				const float *bb = r1 + (uint32_t)x0 * depth;
				const float *c = r0 + (uint32_t)x1 * depth;
				const float *d = r1 + (uint32_t)x1 * depth;

				/* TFLM's order of operations, and its + 0.0f (-0.0 becomes 0.0). */
				for (uint32_t k = 0; k < depth; k++) {
					*out++ = a[k] * (1.0f - dy) * (1.0f - dx) +
						 bb[k] * dy * (1.0f - dx) + c[k] * (1.0f - dy) * dx +
						 d[k] * dy * dx + 0.0f;
				}
			}
		}
	}
	return ZTFLM_OK;
}

/* TFLM ComputeInterpolationValuesInteger: the Q10 source coordinate and its neighbours. */
static inline int32_t neighbours_10(int32_t y, int32_t scale_10, bool half, int32_t in,
				    int32_t *lo, int32_t *hi)
{
	const int32_t v = ztflm_resize_source_10(y, scale_10, half);
	const int32_t f = v / 1024;
	const int32_t c = (v + 1023) / 1024;

	*lo = f > 0 ? f : 0;
	*hi = c < in - 1 ? c : in - 1;
	return v;
}

static int eval_s8(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_resize_params *p = params;
	const int8_t *in = ztflm_input_data(ctx, 0);
	int8_t *out = ztflm_output_data(ctx, 0);
	const uint32_t depth = p->depth;
	const uint32_t row = (uint32_t)p->in_w * depth;

	for (uint32_t b = 0; b < p->batches; b++) {
		const int8_t *image = in + b * (uint32_t)p->in_h * row;

		for (int32_t y = 0; y < p->out_h; y++) {
			int32_t y0;
			int32_t y1;
			/* Weights of rows y0 and y1 in Q10 (they may pass 1024 at the edges). */
			const int64_t wy1 = neighbours_10(y, p->scale_h_10, p->half_pixel_centers,
							  p->in_h, &y0, &y1) -
					    1024 * y0;
			const int64_t wy0 = 1024 - wy1;
			const int8_t *r0 = image + (uint32_t)y0 * row;
			const int8_t *r1 = image + (uint32_t)y1 * row;

			for (int32_t x = 0; x < p->out_w; x++) {
				int32_t x0;
				int32_t x1;
				const int64_t wx1 = neighbours_10(x, p->scale_w_10,
								  p->half_pixel_centers, p->in_w,
								  &x0, &x1) -
						    1024 * x0;
				const int64_t wx0 = 1024 - wx1;
				const int8_t *a = r0 + (uint32_t)x0 * depth;
				const int8_t *bb = r1 + (uint32_t)x0 * depth;
				const int8_t *c = r0 + (uint32_t)x1 * depth;
				const int8_t *d = r1 + (uint32_t)x1 * depth;

				for (uint32_t k = 0; k < depth; k++) {
					const int64_t v = a[k] * wy0 * wx0 + bb[k] * wy1 * wx0 +
							  c[k] * wy0 * wx1 + d[k] * wy1 * wx1;
					/* Rounded half away from zero (TFLM without single rounding). */
					const int64_t r = v > 0 ? (1 << 19) : -(1 << 19);

					*out++ = (int8_t)((v + r) / (1 << 20));
				}
			}
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(resize_bilinear_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval_s8, NULL, NULL);
ZTFLM_VARIANT(resize_bilinear_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval_f32, NULL, NULL);
