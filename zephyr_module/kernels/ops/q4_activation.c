/* The parse LOGISTIC and TANH share, as TFLM's CalculateArithmeticOpData. */
#include <math.h>
#include <stdbool.h>

#include "common/mathf.h"
#include "common/quant.h"
#include "ops/q4_activation.h"

#define INPUT_INTEGER_BITS 4

static int parse_s16(struct ztflm_context *ctx, const struct ztflm_io *io,
		     struct ztflm_q4_params *p, int32_t pot_shifts)
{
	const float in_scale = io->in[0].scale;
	int32_t log2 = 0;

	ZTFLM_CHECK(ctx, io->in[0].zero_point == 0 && io->out[0].zero_point == 0,
		    ZTFLM_ERR_UNSUPPORTED, "int16 zero points must be 0");
	ZTFLM_CHECK(ctx, ztflm_checked_log2(io->out[0].scale, &log2) && log2 == -15,
		    ZTFLM_ERR_UNSUPPORTED, "int16 output scale must be 2^-15");
	/* Scale 2^-12 (TANH: or 2^-11) rescales by 3 << shift exactly, as in TFLM. */
	const bool pot = ztflm_checked_log2(in_scale, &log2) && log2 + 12 >= 0 &&
			 log2 + 12 < pot_shifts;
	int32_t shift = 0;

	if (pot) {
		p->input_multiplier = 3 << (log2 + 12);
	} else {
		/* To 1/(3 * 4096) steps: the multiplier doubled up to 15 bits, then truncated. */
		double multiplier = (double)in_scale * 4096.0 * 3.0;

		while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
			shift++;
			multiplier *= 2.0;
		}
		/* Larger ones overflow TFLM's int32 product; 0 (a scale below 2^-45) its shift. */
		ZTFLM_CHECK(ctx, multiplier < 32768.0 && multiplier >= 1.0,
			    ZTFLM_ERR_UNSUPPORTED, "int16 input scale out of range");
		p->input_multiplier = (int32_t)multiplier;
	}
	p->input_left_shift = shift;
	p->input_round = shift > 0 ? 1 << (shift - 1) : 0;
	return ZTFLM_OK;
}

int ztflm_q4_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		   struct ztflm_q4_params *p, int32_t int8_output_zero_point,
		   int32_t int16_pot_shifts)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	const int rc = ztflm_unary_parse(ctx, io, p);

	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32) {
		return rc;
	}
	if (in->type == ZTFLM_INT16) {
		return parse_s16(ctx, io, p, int16_pot_shifts);
	}
	ZTFLM_CHECK(ctx, int8_output_zero_point == INT32_MIN ||
			    out->zero_point == int8_output_zero_point,
		    ZTFLM_ERR_UNSUPPORTED, "int8 output zero point must be %d, is %d",
		    (int)int8_output_zero_point, (int)out->zero_point);
	/* frexp of scale * 2^27, rounded to Q31, as TFLM (not QuantizeMultiplier). */
	const double real = (double)in->scale * (double)(1 << (31 - INPUT_INTEGER_BITS));
	int shift = 0;
	const double q = frexp(real, &shift);

	/*
	 * Shifts past 30 give a radius of 0: every input saturates before the multiply, as in
	 * TFLM. Past 62 (and below 0) TFLM's radius computation is undefined.
	 */
	ZTFLM_CHECK(ctx, isfinite(real) && real > 0.0 && shift >= 0 && shift <= 62,
		    ZTFLM_ERR_UNSUPPORTED, "input scale out of range");
	p->input_zero_point = in->zero_point;
	const double multiplier = round(q * (double)(1LL << 31));

	/* Only a scale just below a power of two rounds up to 2^31, which TFLM overflows. */
	ZTFLM_CHECK(ctx, multiplier <= (double)INT32_MAX, ZTFLM_ERR_UNSUPPORTED,
		    "input scale out of range");
	p->input_multiplier = (int32_t)multiplier;
	p->input_left_shift = shift;
	p->input_range_radius = (int32_t)floor(((1 << INPUT_INTEGER_BITS) - 1) *
					       (double)(1LL << (31 - INPUT_INTEGER_BITS)) /
					       (double)(1LL << shift));
	return ZTFLM_OK;
}
