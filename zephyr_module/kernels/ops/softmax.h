/* SOFTMAX over the last dimension: parameters, the fixed-point steps its int8 variants share. */
#ifndef ZTFLM_KERNELS_OPS_SOFTMAX_H_
#define ZTFLM_KERNELS_OPS_SOFTMAX_H_

#include <stdint.h>

#include <ztflm/op.h>

#include "common/fixedpoint.h"
#include "common/quant.h"

struct ztflm_softmax_params {
	int32_t outer;            /**< rows */
	int32_t depth;            /**< last dimension */
	int32_t input_multiplier; /**< beta times input scale, Q5.26 (quantized) */
	int32_t input_left_shift;
	int32_t diff_min;         /**< differences below this give exp() = 0 */
	float beta;               /**< float */
	/* int16 input only: TFLM's exp and 1/(1 + x) tables follow (ztflm_softmax_luts). */
};

/** The int16 variant's tables, after its parameters: exp on [-10, 0], then 1/(1 + x). */
static inline const int16_t *ztflm_softmax_luts(const struct ztflm_softmax_params *p)
{
	return (const int16_t *)(const void *)(p + 1);
}

/* gemmlowp fixed point as TFLM: differences in Q5.26, exps summed in Q12.19. */
#define ZTFLM_SOFTMAX_DIFF_BITS 5
#define ZTFLM_SOFTMAX_ACCUM_BITS 12

/** exp() of a difference from the row maximum (diff_min <= diff <= 0), Q0.31. */
static inline int32_t ztflm_softmax_exp(const struct ztflm_softmax_params *p, int32_t diff)
{
	const int32_t scaled =
		ztflm_mbqm_greater_than_one(diff, p->input_multiplier, p->input_left_shift);

	return ztflm_fp_exp_on_negative_values(scaled, ZTFLM_SOFTMAX_DIFF_BITS);
}

/**
 * One output from its exp and the row's reciprocal (scale) and shift to the output width
 * (exponent: outside 0..31 every output is the minimum).
 */
static inline int32_t ztflm_softmax_out(int32_t e, int32_t scale, int32_t exponent,
					int32_t out_min, int32_t out_max)
{
	if (exponent < 0 || exponent > 31) {
		return out_min;
	}
	const int32_t unsat = ztflm_rdbpot(ztflm_fp_mul(scale, e), exponent);

	return ztflm_clamp_i32(ztflm_fp_add(unsat, out_min), out_min, out_max);
}

/** The maximum of an int8 row of depth values. */
typedef int32_t (*ztflm_softmax_row_max)(const int8_t *x, int32_t depth);

/**
 * The reference int8-input softmax (reference/softmax.c), to int8 or to int16, with each row's
 * maximum from row_max: an overlay that speeds up only that step passes its own.
 */
void ztflm_softmax_s8_rows(const struct ztflm_softmax_params *p, const int8_t *in, int8_t *out,
			   ztflm_softmax_row_max row_max);
void ztflm_softmax_s8_s16_rows(const struct ztflm_softmax_params *p, const int8_t *in,
			       int16_t *out, ztflm_softmax_row_max row_max);

/**
 * The int8 to int8 and int8 to int16 variants ztflm_softmax_s8_<suffix> and
 * ztflm_softmax_s8_s16_<suffix>: the reference rows with row_max.
 */
#define ZTFLM_SOFTMAX_S8_VARIANTS(suffix, row_max)                                                 \
	static int s8_eval_##suffix(struct ztflm_context *ctx, const void *params)                 \
	{                                                                                          \
		ztflm_softmax_s8_rows(params, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0), \
				      row_max);                                                    \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	static int s8_s16_eval_##suffix(struct ztflm_context *ctx, const void *params)             \
	{                                                                                          \
		ztflm_softmax_s8_s16_rows(params, ztflm_input_data(ctx, 0),                        \
					  ztflm_output_data(ctx, 0), row_max);                     \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(softmax_s8_##suffix, ZTFLM_INT8, ZTFLM_INT8, s8_eval_##suffix, NULL, NULL);  \
	ZTFLM_VARIANT(softmax_s8_s16_##suffix, ZTFLM_INT8, ZTFLM_INT16, s8_s16_eval_##suffix,      \
		      NULL, NULL)

extern const struct ztflm_variant ztflm_softmax_s8_ref;
extern const struct ztflm_variant ztflm_softmax_s8_s16_ref;
extern const struct ztflm_variant ztflm_softmax_s16_ref;
extern const struct ztflm_variant ztflm_softmax_f32_ref;
extern const struct ztflm_variant ztflm_softmax_s8_arm_dsp;
extern const struct ztflm_variant ztflm_softmax_s8_s16_arm_dsp;
extern const struct ztflm_variant ztflm_softmax_s8_arm_mve;
extern const struct ztflm_variant ztflm_softmax_s8_s16_arm_mve;
extern const struct ztflm_variant ztflm_softmax_s8_cmsis_nn;
extern const struct ztflm_variant ztflm_softmax_s8_s16_cmsis_nn;
extern const struct ztflm_variant ztflm_softmax_s16_cmsis_nn;

#endif /* ZTFLM_KERNELS_OPS_SOFTMAX_H_ */
