/* REVERSE_V2, reference variants: the input gathered backwards along the reversed axes. */
#include "ops/reverse_v2.h"

static int reverse(struct ztflm_context *ctx, const void *params, uint32_t size)
{
	const struct ztflm_reverse_v2_params *p = params;
	struct ztflm_strided nest;
	struct ztflm_tensor axes;

	if (p->axes_at_eval) {
		/* The axes tensor was checked at prepare: int32, 1 to rank entries. */
		int rc = ztflm_get_input(ctx, 1, &axes);

		if (rc == ZTFLM_OK) {
			rc = ztflm_reverse_v2_plan(ctx, p, &nest,
						   ztflm_input_data(ctx, 1), axes.elements);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
	}
	ztflm_strided_gather(p->axes_at_eval ? &nest : &p->nest, ztflm_input_data(ctx, 0),
			     ztflm_output_data(ctx, 0), size);
	return ZTFLM_OK;
}

#define REVERSE_VARIANT(id, type, size)                                                            \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		return reverse(ctx, params, size);                                                 \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, NULL)

REVERSE_VARIANT(reverse_v2_s8_ref, ZTFLM_INT8, 1u);
REVERSE_VARIANT(reverse_v2_u8_ref, ZTFLM_UINT8, 1u);
REVERSE_VARIANT(reverse_v2_bool_ref, ZTFLM_BOOL, 1u);
REVERSE_VARIANT(reverse_v2_s16_ref, ZTFLM_INT16, 2u);
REVERSE_VARIANT(reverse_v2_s32_ref, ZTFLM_INT32, 4u);
REVERSE_VARIANT(reverse_v2_s64_ref, ZTFLM_INT64, 8u);
REVERSE_VARIANT(reverse_v2_f32_ref, ZTFLM_FLOAT32, 4u);
