/* BROADCAST_ARGS, reference variants: the broadcast shape, entry by entry from the end. */
#include <string.h>

#include "common/int_at.h"
#include "common/size.h"
#include "ops/broadcast_args.h"

/* Entry k from the end of a shape of n entries of type (1 past its start). */
static int64_t from_end(const void *shape, uint32_t n, uint32_t k, uint8_t type)
{
	return k < n ? ztflm_int_at(shape, type, n - 1u - k) : 1;
}

static int broadcast_args(struct ztflm_context *ctx, const void *params, uint8_t type)
{
	const struct ztflm_broadcast_args_params *p = params;
	const void *a = ztflm_input_data(ctx, 0);
	const void *b = ztflm_input_data(ctx, 1);
	const uint32_t size = ztflm_type_size(type);
	uint8_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t k = 0; k < p->out; k++) {
		const int64_t x = from_end(a, p->count[0], k, type);
		const int64_t y = from_end(b, p->count[1], k, type);

		/* TFLM computes in int (an int64 entry past it changes value) and aborts when the
		 * two differ and neither is 1. */
		if (x < INT32_MIN || x > INT32_MAX || y < INT32_MIN || y > INT32_MAX ||
		    (x != y && x != 1 && y != 1)) {
			return ztflm_fail(ctx, ZTFLM_ERR_KERNEL,
					  "the shapes do not broadcast: %d and %d, entry %u from the end",
					  (int)ztflm_saturate_i32(x), (int)ztflm_saturate_i32(y),
					  (unsigned)k);
		}
		const int64_t v = x == 1 ? y : x;
		uint8_t *at = out + (size_t)size * (p->out - 1u - k);

		if (size == 4u) {
			const int32_t v32 = (int32_t)v;

			memcpy(at, &v32, sizeof(v32));
		} else {
			memcpy(at, &v, sizeof(v));
		}
	}
	return ZTFLM_OK;
}

static int s32_eval(struct ztflm_context *ctx, const void *params)
{
	return broadcast_args(ctx, params, ZTFLM_INT32);
}

static int s64_eval(struct ztflm_context *ctx, const void *params)
{
	return broadcast_args(ctx, params, ZTFLM_INT64);
}

ZTFLM_VARIANT(broadcast_args_s32_ref, ZTFLM_INT32, ZTFLM_INT32, s32_eval, NULL, NULL);
ZTFLM_VARIANT(broadcast_args_s64_ref, ZTFLM_INT64, ZTFLM_INT64, s64_eval, NULL, NULL);
