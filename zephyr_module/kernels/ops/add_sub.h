/* ADD and SUB: parameters and compute functions (element-wise with broadcasting). */
#ifndef ZTFLM_KERNELS_OPS_ADD_SUB_H_
#define ZTFLM_KERNELS_OPS_ADD_SUB_H_

#include <stdint.h>

#include "common/broadcast.h"

/*
 * Quantized inputs are rescaled to a common scale with left_shift bits of
 * headroom, added or subtracted, and rescaled to the output (TFLM's general
 * 8- and 16-bit path). Float and int32 use only the activation range.
 */
struct ztflm_add_sub_params {
	int32_t input1_offset; /**< minus the zero point */
	int32_t input2_offset;
	int32_t output_offset; /**< the output zero point */
	int32_t input1_multiplier;
	int32_t input2_multiplier;
	int32_t output_multiplier;
	int8_t input1_shift; /**< <= 0 */
	int8_t input2_shift;
	int8_t output_shift;
	int8_t left_shift;
	union {
		struct {
			int32_t min;
			int32_t max;
		} q; /**< int8, int16 and int32 */
		struct {
			float min;
			float max;
		} f;
	} act;
};

void ztflm_add_s8(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out);
void ztflm_add_s16(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int16_t *in1, const int16_t *in2, int16_t *out);
void ztflm_add_s32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int32_t *in1, const int32_t *in2, int32_t *out);
void ztflm_add_f32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const float *in1, const float *in2, float *out);

void ztflm_sub_s8(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		  const int8_t *in1, const int8_t *in2, int8_t *out);
void ztflm_sub_s16(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int16_t *in1, const int16_t *in2, int16_t *out);
void ztflm_sub_s32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const int32_t *in1, const int32_t *in2, int32_t *out);
void ztflm_sub_f32(const struct ztflm_add_sub_params *p, const struct ztflm_bcast *b,
		   const float *in1, const float *in2, float *out);

/* Op data of an ADD or SUB node. */
struct ztflm_add_sub_op {
	struct ztflm_add_sub_params params;
	uint32_t type;            /**< of the inputs and the output */
	struct ztflm_bcast bcast; /**< followed by its loops */
};

/**
 * The prepare steps ADD and SUB share (ops/add.c): checks the node's tensors
 * (t gets input 1, input 2, output), plans the broadcast and allocates the op
 * data with the type set.
 */
int ztflm_add_sub_prepare_common(struct ztflm_context *ctx, struct ztflm_tensor t[3],
				 struct ztflm_add_sub_op **op);

/**
 * The int8/int16 parameters (ops/add.c): scales and zero points checked, both
 * inputs rescaled to twice the larger input scale with left_shift bits of
 * headroom, the activation range in the output's quantization.
 */
int ztflm_add_sub_quant_params(struct ztflm_context *ctx, const struct ztflm_tensor t[3],
			       int32_t act, struct ztflm_add_sub_params *p);

#endif /* ZTFLM_KERNELS_OPS_ADD_SUB_H_ */
