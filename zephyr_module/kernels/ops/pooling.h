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

/* The clamped window of output position o along one axis: [*start, *end). */
static inline void ztflm_pool_window(int32_t o, int32_t stride, int32_t pad, int32_t filter,
				     int32_t in, int32_t *origin, int32_t *start, int32_t *end)
{
	*origin = o * stride - pad;
	*start = *origin < 0 ? -*origin : 0;
	*end = filter < in - *origin ? filter : in - *origin;
}

#endif /* ZTFLM_KERNELS_OPS_POOLING_H_ */
