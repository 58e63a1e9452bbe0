/*
 * TRANSPOSE_CONV: parameters and compute variants. Inputs: the output shape, the OHWI filter,
 * the NHWC input, the optional bias. Each variant gathers an output element's terms in the
 * order TFLM's kernel scatters them (ztflm_transpose_conv_run), which keeps float sums
 * bit-exact and needs none of TFLM's int32 scratch. A 16x8 variant (int16 input and output,
 * int8 filter) takes the same parameters and walk: it adds an int64 member to the accumulator
 * union and its own tap and put.
 */
#ifndef ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_
#define ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_

#include "ops/conv_common.h"

/*
 * Op data is this struct, then for quantized types the multipliers and shifts, output_c of
 * each when q.per_channel, else one (ops/conv_common.h).
 */
struct ztflm_transpose_conv_params {
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t input_c;
	int32_t filter_h;
	int32_t filter_w;
	int32_t output_h;
	int32_t output_w;
	int32_t output_c;
	int32_t stride_h;
	int32_t stride_w;
	int32_t pad_h; /**< output rows the window starts above the first */
	int32_t pad_w;
	struct ztflm_conv_quant q;
};

/*
 * One output element's sum: int8 products and filter taps summed modulo 2^32, or float32. The
 * widest member first: {0} zeroes it, and so every other.
 */
union ztflm_transpose_conv_acc {
	struct {
		uint32_t sum;
		uint32_t w_sum;
	} q;
	float f;
};

/** Adds the products of c channels of input pixel px and filter tap pf to acc. */
typedef void (*ztflm_transpose_conv_tap)(union ztflm_transpose_conv_acc *acc, const void *px,
					 const void *pf, uint32_t c);

/** Writes output channel oc from its sum (bias: NULL when the node has none). */
typedef void (*ztflm_transpose_conv_put)(const struct ztflm_transpose_conv_params *p,
					 const union ztflm_transpose_conv_acc *acc, int32_t oc,
					 const void *bias, void *out);

/*
 * The input rows whose window covers output row o, first to last (none when first > last):
 * input row i covers output rows i * stride - pad to i * stride - pad + filter - 1.
 */
static inline void ztflm_transpose_conv_rows(int32_t o, int32_t pad, int32_t stride,
					     int32_t filter, int32_t in, int32_t *first,
					     int32_t *last)
{
	const int32_t t = o + pad;
	const int32_t hi = t / stride;

	*first = t >= filter ? (t - filter) / stride + 1 : 0;
	*last = hi < in - 1 ? hi : in - 1;
}

/** A variant's element sizes in bytes and its per-type steps. */
struct ztflm_transpose_conv_kind {
	uint8_t in_size;
	uint8_t filter_size;
	uint8_t out_size;
	ztflm_transpose_conv_tap tap;
	ztflm_transpose_conv_put put;
};

/*
 * Every output element in order, each gathered from the input pixels whose window covers it
 * in the order TFLM's kernel scatters them (input row, column, channel ascending): tap for
 * each, then put.
 */
static inline int ztflm_transpose_conv_run(struct ztflm_context *ctx,
					   const struct ztflm_transpose_conv_params *p,
					   const struct ztflm_transpose_conv_kind *k)
{
	const uint8_t *in = ztflm_input_data(ctx, 2);
	const uint8_t *filter = ztflm_input_data(ctx, 1);
	const void *bias = ztflm_has_input(ctx, 3) ? ztflm_input_data(ctx, 3) : NULL;
	uint8_t *out = ztflm_output_data(ctx, 0);
	const uint32_t c = (uint32_t)p->input_c;
	const uint32_t pixel = c * k->in_size;
	const uint32_t taps = c * k->filter_size;

	for (int32_t b = 0; b < p->batches; b++) {
		const uint8_t *in_b = in + (uint32_t)b * (uint32_t)p->input_h * p->input_w * pixel;

		for (int32_t oy = 0; oy < p->output_h; oy++) {
			int32_t y0;
			int32_t y1;

			ztflm_transpose_conv_rows(oy, p->pad_h, p->stride_h, p->filter_h, p->input_h,
						  &y0, &y1);
			for (int32_t ox = 0; ox < p->output_w; ox++) {
				int32_t x0;
				int32_t x1;

				ztflm_transpose_conv_rows(ox, p->pad_w, p->stride_w, p->filter_w,
							  p->input_w, &x0, &x1);
				for (int32_t oc = 0; oc < p->output_c; oc++) {
					const uint8_t *f_oc = filter + (uint32_t)oc * p->filter_h *
									       p->filter_w * taps;
					union ztflm_transpose_conv_acc acc = {0};

					for (int32_t iy = y0; iy <= y1; iy++) {
						const uint32_t fy =
							(uint32_t)(oy + p->pad_h - iy * p->stride_h);

						for (int32_t ix = x0; ix <= x1; ix++) {
							const uint32_t fx = (uint32_t)(ox + p->pad_w -
										ix * p->stride_w);

							k->tap(&acc,
							       in_b + ((uint32_t)iy * p->input_w + ix) * pixel,
							       f_oc + (fy * p->filter_w + fx) * taps, c);
						}
					}
					k->put(p, &acc, oc, bias, out);
					out += k->out_size;
				}
			}
		}
	}
	return ZTFLM_OK;
}

extern const struct ztflm_variant ztflm_transpose_conv_s8_ref;
extern const struct ztflm_variant ztflm_transpose_conv_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_TRANSPOSE_CONV_H_ */
