/* CUMSUM: parameters and compute variants (running sums along one axis). */
#ifndef ZTFLM_KERNELS_OPS_CUMSUM_H_
#define ZTFLM_KERNELS_OPS_CUMSUM_H_

#include <ztflm/op.h>

/*
 * The input seen as outer x depth x inner around the axis (depth along it). int8 follows
 * TFLM: inputs rescaled to twice the input scale with 20 bits of headroom, summed, rescaled
 * to the output; the sum starts from the rescaled minus input zero point, as TFLM's does.
 */
struct ztflm_cumsum_params {
	uint32_t dims[ZTFLM_MAX_DIMS];
	int32_t rank;
	int32_t axis;            /**< resolved from a constant axis, -1: read at every eval */
	int32_t exclusive;       /**< 1: each output sums the inputs before it */
	int32_t reverse;         /**< 1: sums run from the end of the axis */
	int32_t input_offset;    /**< minus the input zero point */
	int32_t output_offset;   /**< the output zero point */
	int32_t input_multiplier;
	int32_t input_shift;     /**< <= 0 */
	int32_t output_multiplier;
	int32_t output_shift;    /**< <= 0 */
};

/**
 * The sizes around the node's axis (read from input 1 when it is not constant): false, with
 * the error set, for an axis outside the input's rank, which TFLM fails on at eval too.
 */
bool ztflm_cumsum_extent(struct ztflm_context *ctx, const struct ztflm_cumsum_params *p,
			 uint32_t *outer, uint32_t *depth, uint32_t *inner);

extern const struct ztflm_variant ztflm_cumsum_s8_ref;
extern const struct ztflm_variant ztflm_cumsum_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_CUMSUM_H_ */
