/* FULLY_CONNECTED: parameters and compute functions (batches x depth in, units x depth weights). */
#ifndef ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_
#define ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_

#include "ops/conv_common.h"

struct ztflm_fc_params {
	int32_t batches;      /**< the input seen as batches x accum_depth */
	int32_t accum_depth;
	int32_t output_depth; /**< units */
	int32_t input_offset; /**< minus the input zero point */
	int32_t filter_offset; /**< minus the filter zero point; 0 when per channel (as TFLM) */
	int32_t output_offset; /**< the output zero point */
	int32_t per_channel;   /**< 1: multiplier and shift per unit; 0: one for all */
	union ztflm_act_range act;
};

/*
 * Op data is this struct, then for int8 the multipliers and the shifts (left if > 0),
 * output_depth of each when per_channel, else one (ops/conv_common.h). bias may be NULL.
 */
typedef void (*ztflm_fully_connected_s8_fn)(const struct ztflm_fc_params *p,
					    const int32_t *multiplier, const int32_t *shift,
					    const int8_t *in, const int8_t *filter,
					    const int32_t *bias, int8_t *out, void *scratch);

/** Eval of an int8 variant: runs fn on the node's tensors, multipliers and scratch. */
int ztflm_fully_connected_s8_eval(struct ztflm_context *ctx, const void *params,
				  ztflm_fully_connected_s8_fn fn);

/* The reference computation, for overlays that decline a node only at run time. */
void ztflm_fully_connected_s8_reference(const struct ztflm_fc_params *p, const int32_t *multiplier,
					const int32_t *shift, const int8_t *in, const int8_t *filter,
					const int32_t *bias, int8_t *out, void *scratch);

extern const struct ztflm_variant ztflm_fully_connected_s8_ref;
extern const struct ztflm_variant ztflm_fully_connected_f32_ref;
extern const struct ztflm_variant ztflm_fully_connected_s8_arm_dsp;
extern const struct ztflm_variant ztflm_fully_connected_s8_arm_mve;
extern const struct ztflm_variant ztflm_fully_connected_s8_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_ */
