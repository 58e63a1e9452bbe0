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
	ZTFLM_CONV_KIND_FIELDS;
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

/*
 * 16x8: int16 input and output, int8 (or INT4, unpacked a unit at a time into scratch)
 * weights, bias int64, or int32 when acc32; NULL when absent. Zero points as in int8.
 */
typedef void (*ztflm_fully_connected_s16_fn)(const struct ztflm_fc_params *p,
					     const int32_t *multiplier, const int32_t *shift,
					     const int16_t *in, const int8_t *filter,
					     const void *bias, int16_t *out, void *scratch);

/** Eval of an int16 variant, as ztflm_fully_connected_s8_eval. */
int ztflm_fully_connected_s16_eval(struct ztflm_context *ctx, const void *params,
				   ztflm_fully_connected_s16_fn fn);

/** can_run of the variants for INT4 weights: whether the node's weights are INT4. */
bool ztflm_fully_connected_int4(const void *params);

/** Scratch of a variant unpacking INT4 weights a unit at a time: one unit's weights. */
uint32_t ztflm_fully_connected_int4_scratch(const void *params);

/* The reference computation, for overlays that decline a node only at run time. */
void ztflm_fully_connected_s8_reference(const struct ztflm_fc_params *p, const int32_t *multiplier,
					const int32_t *shift, const int8_t *in, const int8_t *filter,
					const int32_t *bias, int8_t *out, void *scratch);

/* INT4 weights: scratch of ztflm_fully_connected_int4_scratch bytes. */
void ztflm_fully_connected_s4_reference(const struct ztflm_fc_params *p, const int32_t *multiplier,
					const int32_t *shift, const int8_t *in, const int8_t *filter,
					const int32_t *bias, int8_t *out, void *scratch);

void ztflm_fully_connected_s16_reference(const struct ztflm_fc_params *p,
					 const int32_t *multiplier, const int32_t *shift,
					 const int16_t *in, const int8_t *filter, const void *bias,
					 int16_t *out, void *scratch);

extern const struct ztflm_variant ztflm_fully_connected_s4_ref;
extern const struct ztflm_variant ztflm_fully_connected_s8_ref;
extern const struct ztflm_variant ztflm_fully_connected_s16_ref;
extern const struct ztflm_variant ztflm_fully_connected_f32_ref;
extern const struct ztflm_variant ztflm_fully_connected_s8_arm_dsp;
extern const struct ztflm_variant ztflm_fully_connected_s16_arm_dsp;
extern const struct ztflm_variant ztflm_fully_connected_s8_arm_mve;
extern const struct ztflm_variant ztflm_fully_connected_s16_arm_mve;
extern const struct ztflm_variant ztflm_fully_connected_s4_cmsis_nn;
extern const struct ztflm_variant ztflm_fully_connected_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_fully_connected_s16_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_ */
