/*
 * The comparisons EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS and LESS_EQUAL: element-wise
 * binary family members with a bool output. Raw values are compared, except int8, which TFLM
 * compares after rescaling each input to a common real scale.
 */
#ifndef ZTFLM_KERNELS_OPS_COMPARISON_H_
#define ZTFLM_KERNELS_OPS_COMPARISON_H_

#include "ops/binary.h"

/*
 * int8: ((x - zero point) << 8) times the input's scale as a multiplier below one (TFLM's
 * ComparisonWithScaling); zeros for the other types, which ignore them.
 */
struct ztflm_comparison_params {
	int32_t input1_offset;
	int32_t input1_multiplier;
	int32_t input1_shift;
	int32_t input2_offset;
	int32_t input2_multiplier;
	int32_t input2_shift;
};

/** TFLM's ComparisonsPrepare: the int8 rescales, refusing the scales TFLM aborts on. */
int ztflm_comparison_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params);

/** The descriptor of a comparison: builtin code, its variant table. */
#define ZTFLM_COMPARISON_OP(code, table)                                                           \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = (code),                                                                 \
		ZTFLM_BINARY_IO,                                                                   \
		.same_type = ZTFLM_IN(1),                                                          \
		.quantized = ZTFLM_IN(0) | ZTFLM_IN(1),                                            \
		.parse = ztflm_comparison_parse,                                                   \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

/* Every comparison on float32, int32, int64 and int8; EQUAL and NOT_EQUAL on bool too. */
#define ZTFLM_COMPARISON_VARIANTS(name)                                                            \
	extern const struct ztflm_variant ztflm_##name##_s8_ref;                                   \
	extern const struct ztflm_variant ztflm_##name##_s32_ref;                                  \
	extern const struct ztflm_variant ztflm_##name##_s64_ref;                                  \
	extern const struct ztflm_variant ztflm_##name##_f32_ref

ZTFLM_COMPARISON_VARIANTS(equal);
ZTFLM_COMPARISON_VARIANTS(not_equal);
ZTFLM_COMPARISON_VARIANTS(greater);
ZTFLM_COMPARISON_VARIANTS(greater_equal);
ZTFLM_COMPARISON_VARIANTS(less);
ZTFLM_COMPARISON_VARIANTS(less_equal);
extern const struct ztflm_variant ztflm_equal_bool_ref;
extern const struct ztflm_variant ztflm_not_equal_bool_ref;

#endif /* ZTFLM_KERNELS_OPS_COMPARISON_H_ */
