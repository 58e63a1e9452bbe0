/* SPLIT, SPLIT_V and UNPACK, reference variants: the input's rows split, registered per type
 * TFLM splits. */
#include "ops/split.h"

ZTFLM_VARIANT(split_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_split, NULL, NULL);

ZTFLM_VARIANT(split_v_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_v_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_v_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(split_v_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_split, NULL, NULL);

ZTFLM_VARIANT(unpack_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(unpack_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(unpack_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_split, NULL, NULL);
ZTFLM_VARIANT(unpack_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_split, NULL, NULL);
