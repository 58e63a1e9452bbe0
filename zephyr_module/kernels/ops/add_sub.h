/* ADD and SUB: parameters, the element arithmetic both share, and their compute variants. */
#ifndef ZTFLM_KERNELS_OPS_ADD_SUB_H_
#define ZTFLM_KERNELS_OPS_ADD_SUB_H_

#include <stdint.h>

#include "common/quant.h"
#include "ops/binary.h"

/*
 * Quantized inputs are rescaled to a common scale with left_shift bits of
 * headroom, added or subtracted, and rescaled to the output (TFLM's general
 * 8- and 16-bit path). Float and int32 use only the activation range. Op data
 * is this struct followed by the broadcast nest (ops/binary.h).
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
	union ztflm_act_range act; /**< q: int8, int16 and int32; f: float32 */
};

/** Both quantized inputs at the common scale (TFLM's general path). */
static inline void ztflm_add_sub_scale(const struct ztflm_add_sub_params *p, int32_t x, int32_t y,
				       int32_t *sx, int32_t *sy)
{
	const int32_t shifted1 = (p->input1_offset + x) * ((int32_t)1 << p->left_shift);
	const int32_t shifted2 = (p->input2_offset + y) * ((int32_t)1 << p->left_shift);

	*sx = ztflm_mbqm_smaller_than_one(shifted1, p->input1_multiplier, p->input1_shift);
	*sy = ztflm_mbqm_smaller_than_one(shifted2, p->input2_multiplier, p->input2_shift);
}

/** A sum or difference at the common scale, to the output's quantization and range. */
static inline int32_t ztflm_add_sub_out(const struct ztflm_add_sub_params *p, int32_t raw)
{
	const int32_t out = ztflm_mbqm_smaller_than_one(raw, p->output_multiplier, p->output_shift) +
			    p->output_offset;

	return ztflm_clamp_i32(out, p->act.q.min, p->act.q.max);
}

/** ADD of two quantized values (int8 or int16), in the output's quantization. */
static inline int32_t ztflm_add_q(const struct ztflm_add_sub_params *p, int32_t x, int32_t y)
{
	int32_t sx;
	int32_t sy;

	ztflm_add_sub_scale(p, x, y, &sx, &sy);
	return ztflm_add_sub_out(p, sx + sy);
}

/**
 * The int8/int16 parameters (ops/add_sub.c): both inputs rescaled to twice the larger input
 * scale with left_shift bits of headroom, the activation range in the output's quantization.
 */
int ztflm_add_sub_quant_params(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
			       void *params);

/** The parse of ADD and SUB (ztflm_arith_parse), int32_setup their own int32 setup. */
int ztflm_add_sub_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			ztflm_arith_setup int32_setup);

extern const struct ztflm_variant ztflm_add_s8_ref;
extern const struct ztflm_variant ztflm_add_s16_ref;
extern const struct ztflm_variant ztflm_add_s32_ref;
extern const struct ztflm_variant ztflm_add_f32_ref;
extern const struct ztflm_variant ztflm_add_s8_arm_dsp;
extern const struct ztflm_variant ztflm_add_s8_arm_mve;
extern const struct ztflm_variant ztflm_add_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_add_s16_cmsis_nn;
extern const struct ztflm_variant ztflm_sub_s8_ref;
extern const struct ztflm_variant ztflm_sub_s16_ref;
extern const struct ztflm_variant ztflm_sub_s32_ref;
extern const struct ztflm_variant ztflm_sub_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_ADD_SUB_H_ */
