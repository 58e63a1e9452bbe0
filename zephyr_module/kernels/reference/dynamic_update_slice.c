/* DYNAMIC_UPDATE_SLICE, reference variants: the operand copied, then the update scattered
 * into it from the clamped start. */
#include <string.h>

#include "common/int_at.h"
#include "ops/dynamic_update_slice.h"

static int update(struct ztflm_context *ctx, const void *params, uint32_t size)
{
	const struct ztflm_dynamic_update_slice_params *p = params;
	const void *indices = ztflm_input_data(ctx, 2);
	const void *operand = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	struct ztflm_strided nest = p->nest;

	if (out != operand) {
		memcpy(out, operand, p->bytes);
	}
	for (uint32_t d = 0; d < p->rank; d++) {
		int64_t start = ztflm_int_at(indices, (uint8_t)p->index_type, d);

		/* TFLM's clamp: into 0..operand - update, so the block always fits. */
		start = start < 0 ? 0 : (start > p->max_start[d] ? p->max_start[d] : start);
		nest.base += (int32_t)start * p->strides[d];
	}
	ztflm_strided_scatter(&nest, ztflm_input_data(ctx, 1), out, size);
	return ZTFLM_OK;
}

#define DUS_VARIANT(id, type, size)                                                                \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		return update(ctx, params, size);                                                  \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

DUS_VARIANT(dynamic_update_slice_s8_ref, ZTFLM_INT8, 1u);
DUS_VARIANT(dynamic_update_slice_s16_ref, ZTFLM_INT16, 2u);
DUS_VARIANT(dynamic_update_slice_s32_ref, ZTFLM_INT32, 4u);
DUS_VARIANT(dynamic_update_slice_f32_ref, ZTFLM_FLOAT32, 4u);
