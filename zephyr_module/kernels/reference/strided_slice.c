/* STRIDED_SLICE, reference variants: the slice gathered through its nest, per element size. */
#include "ops/strided_slice.h"

ZTFLM_STRIDED_VARIANT(strided_slice_s8_ref, ZTFLM_INT8, 1u);
ZTFLM_STRIDED_VARIANT(strided_slice_bool_ref, ZTFLM_BOOL, 1u);
ZTFLM_STRIDED_VARIANT(strided_slice_s16_ref, ZTFLM_INT16, 2u);
ZTFLM_STRIDED_VARIANT(strided_slice_s32_ref, ZTFLM_INT32, 4u);
ZTFLM_STRIDED_VARIANT(strided_slice_f32_ref, ZTFLM_FLOAT32, 4u);
