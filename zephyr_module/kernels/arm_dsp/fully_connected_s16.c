/*
 * FULLY_CONNECTED 16x8 (Arm DSP extension): each batch row laid out once in the lane pairs
 * SXTB16 gives the weights, then three weight rows at a time with SMLAD, in runs short enough
 * for exact int32 sums added up in int64 (TFLM's accumulator); a filter offset enters as
 * offset times the sum of the row. An input zero point and INT4 weights take the reference
 * variant.
 */
#include "arm_dsp/dsp.h"
#include "arm_dsp/mat_mult_s8.h"
#include "common/quant.h"
#include "common/size.h"
#include "ops/fully_connected.h"

/* Groups of four a run takes (ZTFLM_MM_S16_RUN values). */
#define RUN_GROUPS (ZTFLM_MM_S16_RUN / 4u)

static uint32_t scratch_bytes(const void *params)
{
	const struct ztflm_fc_params *p = params;

	/* One batch row as 64-bit words, 8-byte aligned in scratch the arena aligns to 4. */
	return ztflm_size_add(4u, ztflm_size_mul(2u, (uint32_t)p->accum_depth));
}

/* The row's groups of four as (x0, x2) low, (x1, x3) high; returns the sum of the row. */
static int64_t interleave(const int16_t *x, uint32_t depth, uint64_t *dst)
{
	int64_t sum = 0;

	for (uint32_t i = 0; i + 4u <= depth; i += 4u) {
		*dst++ = ztflm_dsp_pack16(x[i], x[i + 2u]) |
			 ((uint64_t)ztflm_dsp_pack16(x[i + 1u], x[i + 3u]) << 32);
	}
	for (uint32_t i = 0; i < depth; i++) {
		sum += x[i];
	}
	return sum;
}

/* count (1 or 3) weight rows from w against the row: the exact sums, tail included. */
static void rows(const int8_t *w, uint32_t depth, const uint64_t *wide, const int16_t *x,
		 uint32_t count, int64_t acc[3])
{
	const uint32_t groups = depth / 4u;

	for (uint32_t j = 0; j < count; j++) {
		acc[j] = 0;
	}
	for (uint32_t g = 0; g < groups; g += RUN_GROUPS) {
		const uint32_t n = groups - g < RUN_GROUPS ? groups - g : RUN_GROUPS;
		int32_t run[3] = {0, 0, 0};

		if (count == 3u) {
			ztflm_mm_dot3x1(w + 4u * g, depth, wide + g, n, run);
		} else {
			run[0] = ztflm_mm_dot1x1(w + 4u * g, wide + g, n, 0);
		}
		for (uint32_t j = 0; j < count; j++) {
			acc[j] += run[j];
		}
	}
	for (uint32_t j = 0; j < count; j++) {
		for (uint32_t i = 4u * groups; i < depth; i++) {
			acc[j] += (int32_t)w[j * depth + i] * x[i];
		}
	}
}

static void compute(const struct ztflm_fc_params *p, const int32_t *multiplier,
		    const int32_t *shift, const int16_t *in, const int8_t *filter,
		    const void *bias, int16_t *out, void *scratch)
{
	const uint32_t depth = (uint32_t)p->accum_depth;
	const uint32_t units = (uint32_t)p->output_depth;
	const uint32_t step = p->per_channel ? 1u : 0u;
	uint64_t *wide = (uint64_t *)(void *)(((uintptr_t)scratch + 7u) & ~(uintptr_t)7u);

	for (uint32_t b = 0; b < (uint32_t)p->batches; b++) {
		const int16_t *x = in + b * depth;
		/* sum((w + fo) x) = sum(w x) + fo sum(x): the second the same for every unit. */
		const int64_t base = (int64_t)p->filter_offset * interleave(x, depth, wide);
		int16_t *o = out + b * units;

		for (uint32_t u = 0; u < units;) {
			const uint32_t count = units - u >= 3u ? 3u : 1u;
			int64_t acc[3];

			rows(filter + u * depth, depth, wide, x, count, acc);
			for (uint32_t j = 0; j < count; j++) {
				const uint32_t ch = (u + j) * step;
				const int32_t v = ztflm_conv_scale_s16(acc[j] + base, bias, u + j,
								       p->acc32, multiplier[ch],
								       shift[ch]);
				const int32_t res = (int32_t)((uint32_t)v + (uint32_t)p->output_offset);

				o[u + j] = (int16_t)ztflm_clamp_i32(res, p->act.q.min, p->act.q.max);
			}
			u += count;
		}
	}
}

static bool can_run(const void *params)
{
	const struct ztflm_fc_params *p = params;

	return !p->filter_int4 && p->input_offset == 0;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	return ztflm_fully_connected_s16_eval(ctx, params, compute);
}

ZTFLM_VARIANT(fully_connected_s16_arm_dsp, ZTFLM_INT16, ZTFLM_INT16, eval, can_run,
	      scratch_bytes);
