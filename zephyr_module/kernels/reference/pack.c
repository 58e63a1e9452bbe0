/* PACK, reference variants: the inputs' rows joined, registered per type TFLM packs. */
#include "ops/pack.h"

ZTFLM_VARIANT(pack_s8_ref, ZTFLM_INT8, ZTFLM_INT8, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(pack_s16_ref, ZTFLM_INT16, ZTFLM_INT16, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(pack_s32_ref, ZTFLM_INT32, ZTFLM_INT32, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(pack_s64_ref, ZTFLM_INT64, ZTFLM_INT64, ztflm_rows_join, NULL, NULL);
ZTFLM_VARIANT(pack_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, ztflm_rows_join, NULL, NULL);
