/* PAD and PADV2, reference variants: data movement only, one body for every element size. */
#include <string.h>

#include "ops/pad.h"

static inline uint8_t *fill(uint8_t *out, const uint8_t *value, uint32_t size, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		memcpy(out, value, size);
		out += size;
	}
	return out;
}

/* Elements of size bytes (1, 2 or 4), moved as bit patterns: every type of that size alike. */
static inline __attribute__((always_inline)) int pad(struct ztflm_context *ctx,
						     const struct ztflm_pad_params *p,
						     uint32_t size)
{
	const struct ztflm_pad_dim *d = ztflm_pad_dims(p);
	const uint32_t nd = p->ndims;
	const uint8_t *in = ztflm_input_data(ctx, 0);
	uint8_t *out = ztflm_output_data(ctx, 0);
	/* Output elements of one step along each dimension; the loop counters. */
	uint32_t step[ZTFLM_PAD_MAX_DIMS];
	uint32_t idx[ZTFLM_PAD_MAX_DIMS];
	uint32_t k = 0;
	/* Little-endian: the low bytes of the int32 are the narrower types' value. */
	uint8_t value[4];

	memcpy(value, &p->value, sizeof(value));
	if (ctx->inputs_count == 3 && ztflm_has_input(ctx, 2)) {
		/* One element of the input's type; memcpy as it may be unaligned model data. */
		memcpy(value, ztflm_input_data(ctx, 2), size);
	}
	step[nd - 1] = 1;
	for (uint32_t j = nd - 1; j > 0; j--) {
		step[j - 1] = step[j] * (d[j].before + d[j].in + d[j].after);
	}
	/*
	 * Walk the output in order: entering dimension k writes its leading padding, leaving it
	 * its trailing padding; the innermost copies a row.
	 */
	out = fill(out, value, size, d[0].before * step[0]);
	idx[0] = 0;
	for (;;) {
		if (idx[k] < d[k].in && k + 1 < nd) {
			k++;
			idx[k] = 0;
			out = fill(out, value, size, d[k].before * step[k]);
			continue;
		}
		if (k + 1 == nd && d[k].in > 0) {
			memcpy(out, in, d[k].in * size);
			in += d[k].in * size;
			out += d[k].in * size;
		}
		out = fill(out, value, size, d[k].after * step[k]);
		if (k == 0) {
			break;
		}
		k--;
		idx[k]++;
	}
	return ZTFLM_OK;
}

static int pad_1(struct ztflm_context *ctx, const void *params)
{
	return pad(ctx, params, 1u);
}

static int pad_2(struct ztflm_context *ctx, const void *params)
{
	return pad(ctx, params, 2u);
}

static int pad_4(struct ztflm_context *ctx, const void *params)
{
	return pad(ctx, params, 4u);
}

ZTFLM_VARIANT(pad_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, pad_4, NULL, NULL);
ZTFLM_VARIANT(pad_s8_ref, ZTFLM_INT8, ZTFLM_INT8, pad_1, NULL, NULL);
ZTFLM_VARIANT(pad_s16_ref, ZTFLM_INT16, ZTFLM_INT16, pad_2, NULL, NULL);
ZTFLM_VARIANT(pad_s32_ref, ZTFLM_INT32, ZTFLM_INT32, pad_4, NULL, NULL);
