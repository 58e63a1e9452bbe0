/* SPLIT, SPLIT_V and UNPACK, reference variants: the input's rows split, registered for each
 * type TFLM splits. */
#include "ops/split.h"

#define SPLIT_VARIANTS(op)                                                                         \
	ZTFLM_VARIANT(op##_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_split, NULL, NULL);          \
	ZTFLM_VARIANT(op##_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_split, NULL, NULL);       \
	ZTFLM_VARIANT(op##_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_split, NULL, NULL);       \
	ZTFLM_VARIANT(op##_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_split, NULL, NULL)

SPLIT_VARIANTS(split);
SPLIT_VARIANTS(split_v);
SPLIT_VARIANTS(unpack);
