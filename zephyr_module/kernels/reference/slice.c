/* SLICE, reference variants: the block gathered through the nest, from a start computed at
 * run time when begin or size is. */
#include "ops/slice.h"

static int slice(struct ztflm_context *ctx, const void *params, uint32_t size)
{
	const struct ztflm_slice_params *p = params;
	struct ztflm_strided nest = p->nest;

	if (p->index_type != 0u) {
		const int rc = ztflm_slice_start(ctx, &p->shape, p->rank, ztflm_input_data(ctx, 1),
						 ztflm_input_data(ctx, 2), (uint8_t)p->index_type,
						 ZTFLM_ERR_KERNEL, &nest.base);

		if (rc != ZTFLM_OK) {
			return rc;
		}
	}
	ztflm_strided_gather(&nest, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0), size);
	return ZTFLM_OK;
}

#define SLICE_VARIANT(id, type, size)                                                              \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		return slice(ctx, params, size);                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

SLICE_VARIANT(slice_s8_ref, ZTFLM_INT8, 1u);
SLICE_VARIANT(slice_bool_ref, ZTFLM_BOOL, 1u);
SLICE_VARIANT(slice_s16_ref, ZTFLM_INT16, 2u);
SLICE_VARIANT(slice_s32_ref, ZTFLM_INT32, 4u);
SLICE_VARIANT(slice_f32_ref, ZTFLM_FLOAT32, 4u);
