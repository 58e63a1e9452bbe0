/* CONCATENATION, reference variants: the inputs' rows joined, any type. */
#include "ops/concatenation.h"

ZTFLM_VARIANT(concatenation_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(concatenation_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(concatenation_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(concatenation_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(concatenation_s64_ref, ZTFLM_INT64, ZTFLM_INT64, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(concatenation_bool_ref, ZTFLM_BOOL, ZTFLM_BOOL, ztflm_rows_join, NULL, NULL);
