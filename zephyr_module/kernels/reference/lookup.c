/* The lookup family's reference variants: rows copied, or int8 rows dequantized to float32. */
#include <string.h>

#include "ops/lookup.h"

typedef void (*row_fn)(const struct ztflm_lookup_params *p, const void *src, void *dst);

/* Checks every index, then writes the output in order, one looked-up row at a time. */
static inline int lookup(struct ztflm_context *ctx, const struct ztflm_lookup_params *p,
			 uint32_t in_size, uint32_t out_size, row_fn row)
{
	const int32_t *idx = ztflm_input_data(ctx, p->indices);
	const int rc = ztflm_lookup_check(ctx, p, idx, ZTFLM_ERR_KERNEL);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	const uint8_t *data = ztflm_input_data(ctx, p->data);
	uint8_t *out = ztflm_output_data(ctx, 0);
	const uint32_t in_row = p->row_elements * in_size;
	const uint32_t out_row = p->row_elements * out_size;

	for (uint32_t b = 0; b < p->batches; b++) {
		const int32_t *ib = idx + b * p->lookups * p->nd;

		for (uint32_t o = 0; o < p->outer; o++) {
			const uint8_t *block = data + (b * p->outer + o) * p->rows * in_row;

			for (uint32_t n = 0; n < p->lookups; n++) {
				uint32_t r = 0;

				for (uint32_t j = 0; j < p->nd; j++) {
					int32_t v;

					memcpy(&v, ib + n * p->nd + j, sizeof(v));
					r += (uint32_t)v * p->strides[j];
				}
				row(p, block + r * in_row, out);
				out += out_row;
			}
		}
	}
	return ZTFLM_OK;
}

static void copy_s8(const struct ztflm_lookup_params *p, const void *src, void *dst)
{
	memcpy(dst, src, p->row_elements);
}

static void copy_32(const struct ztflm_lookup_params *p, const void *src, void *dst)
{
	memcpy(dst, src, p->row_elements * 4u);
}

/* TFLM's Dequantize with a zero point of 0: (float)q * scale. */
static void dequantize(const struct ztflm_lookup_params *p, const void *src, void *dst)
{
	const int8_t *q = src;
	float *f = dst;

	for (uint32_t i = 0; i < p->row_elements; i++) {
		f[i] = (float)q[i] * p->scale;
	}
}

static int eval_s8(struct ztflm_context *ctx, const void *params)
{
	return lookup(ctx, params, 1u, 1u, copy_s8);
}

static int eval_32(struct ztflm_context *ctx, const void *params)
{
	return lookup(ctx, params, 4u, 4u, copy_32);
}

static int eval_s8_f32(struct ztflm_context *ctx, const void *params)
{
	return lookup(ctx, params, 1u, 4u, dequantize);
}

ZTFLM_VARIANT(lookup_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval_s8, NULL, NULL);
ZTFLM_VARIANT(lookup_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval_32, NULL, NULL);
ZTFLM_VARIANT(lookup_s8_f32_ref, ZTFLM_INT8, ZTFLM_FLOAT32, eval_s8_f32, NULL, NULL);
