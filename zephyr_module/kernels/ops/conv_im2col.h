/* The im2col column of one CONV_2D output pixel, written once for the overlays' variants. */
#ifndef ZTFLM_KERNELS_OPS_CONV_IM2COL_H_
#define ZTFLM_KERNELS_OPS_CONV_IM2COL_H_

#include <stdint.h>

#include "ops/conv_2d.h"

/** A 1x1 window without padding: each output pixel's column is its input pixel. */
static inline int ztflm_conv_1x1(const struct ztflm_conv_params *p)
{
	return p->filter_h == 1 && p->filter_w == 1 && p->pad_h == 0 && p->pad_w == 0;
}

/*
 * Defines const void *name(p, in, pix, esize, pad, col): the column of output pixel pix, its
 * window copied out in filter order (OHWI) for an element size esize (a constant where
 * inlined), points outside the input filled with bytes of value pad (the int8 input zero
 * point, which adds nothing once offset; 0 for int16). A 1x1 window without padding is the
 * input itself: its address, nothing copied. fill(dst, byte, n) and copy(dst, src, n) are
 * the overlay's byte fill and copy.
 */
#define ZTFLM_CONV_IM2COL(name, fill, copy)                                                        \
	static inline const void *name(const struct ztflm_conv_params *p, const void *in,          \
				       uint32_t pix, uint32_t esize, int pad, void *col)           \
	{                                                                                          \
		const uint32_t ow = (uint32_t)p->output_w;                                         \
		const uint32_t oh = (uint32_t)p->output_h;                                         \
		const uint32_t ox = pix % ow;                                                      \
		const uint32_t oy = (pix / ow) % oh;                                               \
		const uint32_t b = pix / (ow * oh);                                                \
		const uint32_t ic = (uint32_t)p->input_c * esize;                                  \
		const int8_t *in_b = (const int8_t *)in +                                          \
				     b * (uint32_t)p->input_h * (uint32_t)p->input_w * ic;         \
		const int32_t y0 = (int32_t)oy * p->stride_h - p->pad_h;                           \
		const int32_t x0 = (int32_t)ox * p->stride_w - p->pad_w;                           \
                                                                                                   \
		if (ztflm_conv_1x1(p)) {                                                           \
			return in_b + ((uint32_t)y0 * (uint32_t)p->input_w + (uint32_t)x0) * ic;   \
		}                                                                                  \
		int8_t *dst = col;                                                                 \
                                                                                                   \
		for (int32_t fy = 0; fy < p->filter_h; fy++) {                                     \
			const int32_t y = y0 + p->dilation_h * fy;                                 \
                                                                                                   \
			if (y < 0 || y >= p->input_h) {                                            \
				fill(dst, pad, (uint32_t)p->filter_w * ic);                        \
				dst += (uint32_t)p->filter_w * ic;                                 \
				continue;                                                          \
			}                                                                          \
			const int8_t *row = in_b + (uint32_t)y * (uint32_t)p->input_w * ic;        \
                                                                                                   \
			if (p->dilation_w == 1 && x0 >= 0 && x0 + p->filter_w <= p->input_w) {     \
				copy(dst, row + (uint32_t)x0 * ic,                                 \
				     (uint32_t)p->filter_w * ic);                                  \
				dst += (uint32_t)p->filter_w * ic;                                 \
				continue;                                                          \
			}                                                                          \
			for (int32_t fx = 0; fx < p->filter_w; fx++) {                             \
				const int32_t x = x0 + p->dilation_w * fx;                         \
                                                                                                   \
				if (x < 0 || x >= p->input_w) {                                    \
					fill(dst, pad, ic);                                        \
				} else {                                                           \
					copy(dst, row + (uint32_t)x * ic, ic);                     \
				}                                                                  \
				dst += ic;                                                         \
			}                                                                          \
		}                                                                                  \
		return col;                                                                        \
	}

#endif /* ZTFLM_KERNELS_OPS_CONV_IM2COL_H_ */
