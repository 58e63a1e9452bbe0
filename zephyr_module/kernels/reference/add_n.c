/* ADD_N, reference variants: int8 through TFLM's rescaled sum, float32 in order. */
#include "common/floatbits.h"
#include "common/quant.h"
#include "ops/add_n.h"

/* Elements summed at a time: one pass over every input per block, the sums on the stack. */
#define ADD_N_BLOCK 32u

static inline int32_t add_n_scaled(const struct ztflm_add_n_params *p, int32_t x)
{
	return ztflm_mbqm_smaller_than_one((p->input_offset + x) * (1 << 20), p->input_multiplier,
					   p->input_shift);
}

static int add_n_s8(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_add_n_params *p = params;
	int8_t *out = ztflm_output_data(ctx, 0);
	/* TFLM's sum starts from the rescaled -zero point (its "x = 0" is the input offset). */
	const uint32_t first = (uint32_t)add_n_scaled(p, 0);
	uint32_t sum[ADD_N_BLOCK];

	for (uint32_t start = 0; start < p->count; start += ADD_N_BLOCK) {
		const uint32_t n = p->count - start < ADD_N_BLOCK ? p->count - start : ADD_N_BLOCK;

		for (uint32_t i = 0; i < n; i++) {
			sum[i] = first;
		}
		for (int32_t j = 0; j < ctx->inputs_count; j++) {
			const int8_t *in = (const int8_t *)ztflm_input_data(ctx, j) + start;

			/* Wrapping, as TFLM's int32 sum does past 16 or so inputs. */
			for (uint32_t i = 0; i < n; i++) {
				sum[i] += (uint32_t)add_n_scaled(p, in[i]);
			}
		}
		for (uint32_t i = 0; i < n; i++) {
			const int32_t raw = ztflm_mbqm_smaller_than_one(
				(int32_t)sum[i], p->output_multiplier, p->output_shift);

			out[start + i] = (int8_t)ztflm_clamp_i32(
				(int32_t)((uint32_t)raw + (uint32_t)p->output_offset), INT8_MIN,
				INT8_MAX);
		}
	}
	return ZTFLM_OK;
}

static int add_n_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_add_n_params *p = params;
	float *out = ztflm_output_data(ctx, 0);

	/* The output holds the running sums: 0 + x0 (so -0.0 becomes 0.0), then each input. */
	for (uint32_t i = 0; i < p->count; i++) {
		out[i] = 0.0f;
	}
	for (int32_t j = 0; j < ctx->inputs_count; j++) {
		const float *in = ztflm_input_data(ctx, j);

		for (uint32_t i = 0; i < p->count; i++) {
			out[i] = ztflm_x86_nan2(out[i], in[i], out[i] + in[i]);
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(add_n_s8_ref, ZTFLM_INT8, ZTFLM_INT8, add_n_s8, NULL, NULL);
ZTFLM_VARIANT(add_n_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, add_n_f32, NULL, NULL);
