/* SVDF (reference): int8 with an int16 or int8 state, and float32, in TFLM's order of sums. */
#include "common/expf.h"
#include "common/quant.h"
#include "ops/svdf.h"

#include <math.h>

/* The scratch: per batch and filter the time filter's sum, then per batch and unit the output. */
static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_svdf_params *p = params;
	const uint64_t sums = (uint64_t)(uint32_t)p->batches * (uint32_t)p->filters;
	const uint64_t outs = (uint64_t)(uint32_t)p->batches * (uint32_t)p->units;
	const uint64_t bytes = 4u * (sums + outs);

	/* Verified shapes keep this far below 2^32; saturate rather than wrap all the same. */
	return bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
}

/* Every state entry moves one place towards the start, across filters and batches alike. */
#define SHIFT_STATE(state, count)                                                                  \
	do {                                                                                       \
		for (uint32_t k = 1; k < (count); k++) {                                           \
			(state)[k - 1u] = (state)[k];                                              \
		}                                                                                  \
	} while (0)

/*
 * The integer SVDF for a state type T (int16 or int8): TFLM's EvalIntegerSvdfReference,
 * with its int32 sums wrapping as they do in practice.
 */
#define SVDF_INTEGER(name, T, T_MIN, T_MAX)                                                        \
	static void name(const struct ztflm_svdf_params *p, const int8_t *in,                     \
			 const int8_t *feature, const T *time, const int32_t *bias, T *state,      \
			 int8_t *out, int32_t *scratch)                                            \
	{                                                                                          \
		const uint32_t memory = (uint32_t)p->memory;                                       \
		const uint32_t rows = (uint32_t)p->batches * (uint32_t)p->filters;                 \
		int32_t *sums = scratch;                                                           \
		int32_t *acc = scratch + rows;                                                     \
                                                                                                   \
		SHIFT_STATE(state, rows * memory);                                                 \
		for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {                              \
			const int8_t *w = feature;                                                 \
			for (uint32_t f = 0; f < (uint32_t)p->filters; f++) {                      \
				const int8_t *x = in + b * (uint32_t)p->input_size;                \
				uint32_t dot = 0;                                                  \
				for (int32_t c = 0; c < p->input_size; c++) {                      \
					dot += (uint32_t)(*w++ * (x[c] - p->input_zp));            \
				}                                                                  \
				const int32_t v = ztflm_clamp_i32(                                 \
					ztflm_mbqm((int32_t)dot, p->multiplier_1, p->shift_1),     \
					T_MIN, T_MAX);                                             \
				state[(b * (uint32_t)p->filters + f) * memory + memory - 1u] =     \
					(T)(p->state_zp + v);                                      \
			}                                                                          \
		}                                                                                  \
		for (uint32_t r = 0; r < rows; r++) {                                              \
			const T *w = time + (r % (uint32_t)p->filters) * memory;                   \
			const T *s = state + r * memory;                                           \
			uint32_t dot = 0;                                                          \
			for (uint32_t m = 0; m < memory; m++) {                                    \
				dot += (uint32_t)(w[m] * (s[m] - p->state_zp));                    \
			}                                                                          \
			sums[r] = (int32_t)dot;                                                    \
		}                                                                                  \
		reduce_ranks(p, bias, sums, acc);                                                  \
		for (uint32_t i = 0; i < (uint32_t)p->batches * (uint32_t)p->units; i++) {         \
			const int32_t v = ztflm_mbqm(acc[i], p->multiplier_2, p->shift_2);         \
			out[i] = (int8_t)ztflm_clamp_i32((int32_t)((uint32_t)v + (uint32_t)p->output_zp), \
							 INT8_MIN, INT8_MAX);                      \
		}                                                                                  \
	}

/* Per batch and unit: the bias plus the rank filters' sums of the unit, in order. */
static void reduce_ranks(const struct ztflm_svdf_params *p, const int32_t *bias,
			 const int32_t *sums, int32_t *acc)
{
	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		for (uint32_t u = 0; u < (uint32_t)p->units; u++) {
			uint32_t total = (uint32_t)bias[u];

			for (int32_t r = 0; r < p->rank; r++) {
				total += (uint32_t)*sums++;
			}
			acc[b * (uint32_t)p->units + u] = (int32_t)total;
		}
	}
}

SVDF_INTEGER(svdf_s16_state, int16_t, INT16_MIN, INT16_MAX)
SVDF_INTEGER(svdf_s8_state, int8_t, INT8_MIN, INT8_MAX)

static int eval_s16(struct ztflm_context *ctx, const void *params)
{
	svdf_s16_state(params, ztflm_input_data(ctx, 0), ztflm_input_data(ctx, 1),
		       ztflm_input_data(ctx, 2), ztflm_input_data(ctx, 3), ztflm_input_data(ctx, 4),
		       ztflm_output_data(ctx, 0), ztflm_op_scratch(ctx));
	return ZTFLM_OK;
}

static int eval_s8(struct ztflm_context *ctx, const void *params)
{
	svdf_s8_state(params, ztflm_input_data(ctx, 0), ztflm_input_data(ctx, 1),
		      ztflm_input_data(ctx, 2), ztflm_input_data(ctx, 3), ztflm_input_data(ctx, 4),
		      ztflm_output_data(ctx, 0), ztflm_op_scratch(ctx));
	return ZTFLM_OK;
}

static bool state_is_s16(const void *params)
{
	return ((const struct ztflm_svdf_params *)params)->state_int16 != 0;
}

static bool state_is_s8(const void *params)
{
	return !state_is_s16(params);
}

ZTFLM_VARIANT(svdf_s8_s16_ref, ZTFLM_INT8, ZTFLM_INT8, eval_s16, state_is_s16, scratch_bytes);
ZTFLM_VARIANT(svdf_s8_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval_s8, state_is_s8, scratch_bytes);

/* std::fmax and std::fmin as glibc computes them (TFLM's TfLiteMax/Min): NaN loses, ties keep x. */
static float fmax_glibc(float x, float y)
{
	return y != y ? x : x != x ? y : x >= y ? x : y;
}

static float fmin_glibc(float x, float y)
{
	return y != y ? x : x != x ? y : x <= y ? x : y;
}

/* TFLM's ActivationValFloat. */
static float activate(int32_t activation, float a)
{
	switch (activation) {
	case ZTFLM_ACT_RELU:
		return fmax_glibc(0.0f, a);
	case ZTFLM_ACT_RELU_N1_TO_1:
		return fmax_glibc(-1.0f, fmin_glibc(a, 1.0f));
	case ZTFLM_ACT_RELU6:
		return fmax_glibc(0.0f, fmin_glibc(a, 6.0f));
	case ZTFLM_ACT_TANH:
		return tanhf(a);
	case ZTFLM_ACT_SIGN_BIT:
		return signbit(a) ? 1.0f : 0.0f;
	default:
		return a;
	}
}

static uint32_t scratch_f32(const void *params)
{
	const struct ztflm_svdf_params *p = params;
	const uint64_t bytes = 4u * (uint64_t)(uint32_t)p->batches * (uint32_t)p->filters;

	return bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
}

static int eval_f32(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_svdf_params *p = params;
	const float *in = ztflm_input_data(ctx, 0);
	const float *feature = ztflm_input_data(ctx, 1);
	const float *time = ztflm_input_data(ctx, 2);
	const float *bias = ztflm_input_data(ctx, 3);
	float *state = ztflm_input_data(ctx, 4);
	float *out = ztflm_output_data(ctx, 0);
	float *sums = ztflm_op_scratch(ctx);
	const uint32_t memory = (uint32_t)p->memory;
	const uint32_t rows = (uint32_t)p->batches * (uint32_t)p->filters;

	SHIFT_STATE(state, rows * memory);
	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		const float *w = feature;

		for (uint32_t f = 0; f < (uint32_t)p->filters; f++) {
			const float *x = in + b * (uint32_t)p->input_size;
			float dot = 0.0f;

			for (int32_t c = 0; c < p->input_size; c++) {
				dot += *w++ * x[c];
			}
			state[(b * (uint32_t)p->filters + f) * memory + memory - 1u] = dot;
		}
	}
	for (uint32_t r = 0; r < rows; r++) {
		const float *w = time + (r % (uint32_t)p->filters) * memory;
		const float *s = state + r * memory;
		float dot = 0.0f;

		for (uint32_t m = 0; m < memory; m++) {
			dot += w[m] * s[m];
		}
		sums[r] = dot;
	}
	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		for (uint32_t u = 0; u < (uint32_t)p->units; u++) {
			float total = bias[u];

			for (int32_t r = 0; r < p->rank; r++) {
				total += *sums++;
			}
			out[b * (uint32_t)p->units + u] = activate(p->activation, total);
		}
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(svdf_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval_f32, NULL, scratch_f32);
