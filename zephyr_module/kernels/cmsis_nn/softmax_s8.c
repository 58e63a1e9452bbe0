/*
 * SOFTMAX on int8 input, delegated to CMSIS-NN's arm_softmax_s8 and arm_softmax_s8_s16 (the
 * same gemmlowp fixed point as TFLM's reference). CMSIS-NN sums the exponentials without the
 * reference's guards: rows long enough for that sum to reach 2^28 (int8 out: the output shift
 * passes 31) or 2^31 (int16 out: it wraps) run the reference computation, as do input shifts
 * past 30 and empty rows.
 */
#include "cmsis_nn/cmsis_nn_glue.h"
#include "ops/softmax.h"

/* The reference kernels, compiled here under other names: the fallback is the reference itself. */
void ztflm_softmax_s8_reference(const struct ztflm_softmax_params *p, const int8_t *in,
				int8_t *out);
void ztflm_softmax_s8_s16_reference(const struct ztflm_softmax_params *p, const int8_t *in,
				    int16_t *out);
#define ztflm_softmax_s8 ztflm_softmax_s8_reference
#define ztflm_softmax_s8_s16 ztflm_softmax_s8_s16_reference
#include "reference/softmax_s8.c"
#undef ztflm_softmax_s8
#undef ztflm_softmax_s8_s16

/* Each exponential adds at most 2^19 (1.0 in Q12.19). */
#define INT8_OUT_MAX_DEPTH 511
#define INT16_OUT_MAX_DEPTH 4095

static int cmsis_can(const struct ztflm_softmax_params *p, int32_t max_depth)
{
	return p->outer >= 0 && p->depth >= 1 && p->depth <= max_depth &&
	       p->input_left_shift >= 0 && p->input_left_shift <= 30 &&
	       ztflm_cmsis_size_ok((uint64_t)p->outer * (uint64_t)p->depth);
}

void ztflm_softmax_s8(const struct ztflm_softmax_params *p, const int8_t *in, int8_t *out)
{
	if (!cmsis_can(p, INT8_OUT_MAX_DEPTH)) {
		ztflm_softmax_s8_reference(p, in, out);
		return;
	}
	arm_softmax_s8(in, p->outer, p->depth, p->input_multiplier, p->input_left_shift,
		       p->diff_min, out);
}

void ztflm_softmax_s8_s16(const struct ztflm_softmax_params *p, const int8_t *in, int16_t *out)
{
	if (!cmsis_can(p, INT16_OUT_MAX_DEPTH)) {
		ztflm_softmax_s8_s16_reference(p, in, out);
		return;
	}
	arm_softmax_s8_s16(in, p->outer, p->depth, p->input_multiplier, p->input_left_shift,
			   p->diff_min, out);
}
