/* AVERAGE_POOL_2D and MAX_POOL_2D: parameters, shared prepare and the compute functions. */
#ifndef ZTFLM_KERNELS_OPS_POOLING_H_
#define ZTFLM_KERNELS_OPS_POOLING_H_

#include <stdint.h>

#include <ztflm/kernel.h>

struct ztflm_pool_params {
	int32_t type; /**< enum ztflm_type of input and output */
	int32_t batches;
	int32_t input_h;
	int32_t input_w;
	int32_t depth;
	int32_t output_h;
	int32_t output_w;
	int32_t stride_h;
	int32_t stride_w;
	int32_t filter_h;
	int32_t filter_w;
	int32_t pad_h;
	int32_t pad_w;
	int32_t act_min; /**< quantized activation range */
	int32_t act_max;
	float act_min_f; /**< float activation range */
	float act_max_f;
};

/** Checks the node and fills the op data of either pooling op. */
int ztflm_pool_prepare(struct ztflm_context *ctx);

void ztflm_average_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out);
void ztflm_average_pool_2d_f32(const struct ztflm_pool_params *p, const float *in, float *out);
void ztflm_max_pool_2d_s8(const struct ztflm_pool_params *p, const int8_t *in, int8_t *out);
void ztflm_max_pool_2d_f32(const struct ztflm_pool_params *p, const float *in, float *out);

/* The part of the input one output position sees: its window clipped to the input. */
struct ztflm_pool_span {
	uint32_t offset; /**< element index of its top-left pixel, channel 0 */
	int32_t rows;
	int32_t cols;
};

static inline int32_t ztflm_pool_clip(int32_t o, int32_t stride, int32_t pad, int32_t filter,
				      int32_t in, int32_t *first)
{
	/* In 64 bits: a hostile filter size must not overflow; prepare proved o * stride < in. */
	const int64_t origin = (int64_t)o * stride - pad;
	const int64_t lo = origin < 0 ? 0 : origin;
	const int64_t hi = origin + filter < in ? origin + filter : in;

	*first = (int32_t)lo;
	return hi > lo ? (int32_t)(hi - lo) : 0;
}

static inline struct ztflm_pool_span ztflm_pool_span(const struct ztflm_pool_params *p,
						     int32_t b, int32_t oy, int32_t ox)
{
	struct ztflm_pool_span s;
	int32_t y;
	int32_t x;

	s.rows = ztflm_pool_clip(oy, p->stride_h, p->pad_h, p->filter_h, p->input_h, &y);
	s.cols = ztflm_pool_clip(ox, p->stride_w, p->pad_w, p->filter_w, p->input_w, &x);
	s.offset = (((uint32_t)b * (uint32_t)p->input_h + (uint32_t)y) * (uint32_t)p->input_w +
		    (uint32_t)x) * (uint32_t)p->depth;
	return s;
}

#endif /* ZTFLM_KERNELS_OPS_POOLING_H_ */
