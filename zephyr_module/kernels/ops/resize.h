/* RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: parameters and compute variants. */
#ifndef ZTFLM_KERNELS_OPS_RESIZE_H_
#define ZTFLM_KERNELS_OPS_RESIZE_H_

#include <ztflm/op.h>

/* [batches, in_h, in_w, depth] resized to [batches, out_h, out_w, depth]. */
struct ztflm_resize_params {
	uint32_t batches; /**< 0 when the output is empty: nothing to compute */
	int32_t in_h;
	int32_t in_w;
	int32_t out_h;
	int32_t out_w;
	uint32_t depth;
	float scale_h;    /**< input pixels per output pixel, as TFLM computes it in float */
	float scale_w;
	int32_t scale_h_10; /**< the same in Q10, for RESIZE_BILINEAR's int8 arithmetic */
	int32_t scale_w_10;
	uint8_t align_corners;
	uint8_t half_pixel_centers;
};

/* TFLM's input row of output row y for RESIZE_BILINEAR's float arithmetic. */
static inline float ztflm_resize_source(float y, float scale, bool half_pixel_centers)
{
	return half_pixel_centers ? (y + 0.5f) * scale - 0.5f : y * scale;
}

/* The same in Q10 for its int8 arithmetic. */
static inline int32_t ztflm_resize_source_10(int32_t y, int32_t scale_10, bool half_pixel_centers)
{
	return half_pixel_centers ? y * scale_10 + scale_10 / 2 - (1 << 9) : y * scale_10;
}

extern const struct ztflm_variant ztflm_resize_nearest_s8_ref;
extern const struct ztflm_variant ztflm_resize_nearest_s16_ref;
extern const struct ztflm_variant ztflm_resize_nearest_f32_ref;
extern const struct ztflm_variant ztflm_resize_bilinear_s8_ref;
extern const struct ztflm_variant ztflm_resize_bilinear_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_RESIZE_H_ */
