/*
 * MEAN, reference variants: one walk of the loop nest; the int8 and int16 means share one
 * body (wrapped int32 sum, TFLM's folded rescale), float32 sums in memory order and divides.
 */
#include <stdbool.h>

#include <ztflm/types.h>

#include "common/quant.h"
#include "ops/mean.h"

/* The quantized mean of one output (size: bytes of an element, 1 or 2), before clamping. */
static inline __attribute__((always_inline)) int32_t
mean_q(const struct ztflm_mean_params *p, const void *in, uint32_t size, uint32_t base,
       uint32_t *red_idx)
{
	const struct ztflm_mean_dim *red = ztflm_mean_dims(p) + p->n_kept;
	/* TFLM subtracts the zero point once per mean, from the wrapped int32 sum. */
	const uint32_t zp_total = (uint32_t)p->input_zero_point * p->reduced_count;
	uint32_t sum = 0;
	uint32_t offset = base;

	do {
		sum += size == 1u ? (uint32_t)(int32_t)((const int8_t *)in)[offset]
				  : (uint32_t)(int32_t)((const int16_t *)in)[offset];
	} while (ztflm_mean_next(red, p->n_reduced, red_idx, &offset));

	const int32_t scaled = ztflm_mbqm((int32_t)(sum - zp_total), p->multiplier, p->shift);

	return (int32_t)((uint32_t)scaled + (uint32_t)p->output_zero_point);
}

/* Every output in order, int8 or int16 (wide); reduced_count 0 makes each one 0. */
static inline __attribute__((always_inline)) int mean(struct ztflm_context *ctx,
						      const struct ztflm_mean_params *p, bool wide)
{
	const struct ztflm_mean_dim *kept = ztflm_mean_dims(p);
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	uint32_t kept_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t red_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t base = 0;
	uint32_t i = 0;

	for (uint32_t k = 0; k < p->n_kept; k++) {
		if (kept[k].count == 0) {
			return ZTFLM_OK;
		}
	}
	do {
		const int32_t v = p->reduced_count > 0
					  ? ztflm_clamp_i32(mean_q(p, in, wide ? 2u : 1u, base, red_idx),
							    wide ? INT16_MIN : INT8_MIN,
							    wide ? INT16_MAX : INT8_MAX)
					  : 0;

		if (wide) {
			((int16_t *)out)[i] = (int16_t)v;
		} else {
			((int8_t *)out)[i] = (int8_t)v;
		}
		i++;
	} while (ztflm_mean_next(kept, p->n_kept, kept_idx, &base));
	return ZTFLM_OK;
}

static int eval_s8(struct ztflm_context *ctx, const void *params)
{
	return mean(ctx, params, false);
}

static int eval_s16(struct ztflm_context *ctx, const void *params)
{
	return mean(ctx, params, true);
}

/* Sums in memory order from +0.0f, then one division: TFLM's rounding. */
static int eval_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_mean_params *p = params;
	const struct ztflm_mean_dim *kept = ztflm_mean_dims(p);
	const struct ztflm_mean_dim *red = kept + p->n_kept;
	const float *in = ztflm_input_data(ctx, 0);
	float *out = ztflm_output_data(ctx, 0);
	const float count = (float)p->reduced_count;
	uint32_t kept_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t red_idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t base = 0;

	for (uint32_t k = 0; k < p->n_kept; k++) {
		if (kept[k].count == 0) {
			return ZTFLM_OK;
		}
	}
	do {
		float result = 0.0f;

		if (p->reduced_count > 0) {
			float sum = 0.0f;
			uint32_t offset = base;

			do {
				sum = in[offset] + sum;
			} while (ztflm_mean_next(red, p->n_reduced, red_idx, &offset));
			result = sum / count;
		}
		*out++ = result;
	} while (ztflm_mean_next(kept, p->n_kept, kept_idx, &base));
	return ZTFLM_OK;
}

ZTFLM_VARIANT(mean_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval_s8, NULL, NULL);
ZTFLM_VARIANT(mean_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval_s16, NULL, NULL);
ZTFLM_VARIANT(mean_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval_f32, NULL, NULL);
