/* MUL: parameters, the quantized element arithmetic and the compute variants. */
#ifndef ZTFLM_KERNELS_OPS_MUL_H_
#define ZTFLM_KERNELS_OPS_MUL_H_

#include <stdint.h>

#include "common/quant.h"
#include "ops/binary.h"

/*
 * Quantized: (x1 - zp1) * (x2 - zp2) rescaled by s1 * s2 / s_out, plus zp_out. Op data is
 * this struct followed by the broadcast nest (ops/binary.h).
 */
struct ztflm_mul_params {
	int32_t input1_offset; /**< minus the zero point */
	int32_t input2_offset;
	int32_t output_offset; /**< the output zero point */
	int32_t output_multiplier;
	int32_t output_shift; /**< left if > 0 */
	union ztflm_act_range act; /**< q: int8, int16 and int32; f: float32 */
};

/** The product of two quantized values (int8 or int16) in the output's quantization. */
static inline int32_t ztflm_mul_q(const struct ztflm_mul_params *p, int32_t x, int32_t y)
{
	const int32_t prod = (p->input1_offset + x) * (p->input2_offset + y);
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t raw = (int32_t)((uint32_t)p->output_offset +
				      (uint32_t)ztflm_mbqm(prod, p->output_multiplier,
							   p->output_shift));

	return ztflm_clamp_i32(raw, p->act.q.min, p->act.q.max);
}

extern const struct ztflm_variant ztflm_mul_s8_ref;
extern const struct ztflm_variant ztflm_mul_s16_ref;
extern const struct ztflm_variant ztflm_mul_s32_ref;
extern const struct ztflm_variant ztflm_mul_f32_ref;
extern const struct ztflm_variant ztflm_mul_s8_arm_dsp;
extern const struct ztflm_variant ztflm_mul_s8_arm_mve;
extern const struct ztflm_variant ztflm_mul_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_mul_s16_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_MUL_H_ */
