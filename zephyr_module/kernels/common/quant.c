/* Multiplier quantization and fused activation ranges, as TFLM computes them. */
#include <float.h>
#include <math.h>

#include <ztflm/compiler.h>

#include "quant.h"
#include "common/mathf.h"

ZTFLM_COLD
void ztflm_quantize_multiplier(double real, int32_t *multiplier, int32_t *shift)
{
	if (real == 0.0) {
		*multiplier = 0;
		*shift = 0;
		return;
	}
	/*
	 * A hostile model's scales can make the ratio infinite or NaN (a float product that
	 * overflows): no multiplier represents it. A shift of 32 is above every caller's limit
	 * (31), so the node is refused instead of converting inf to an integer.
	 */
	if (!isfinite(real)) {
		*multiplier = 0;
		*shift = 32;
		return;
	}
	int exp = 0;
	const double q = frexp(real, &exp);
	int64_t q_fixed = (int64_t)round(q * (double)(1LL << 31));

	if (q_fixed == (1LL << 31)) {
		q_fixed /= 2;
		++exp;
	}
	if (exp < -31) {
		exp = 0;
		q_fixed = 0;
	}
	*multiplier = (int32_t)q_fixed;
	*shift = exp;
}

ZTFLM_COLD
int ztflm_quantize_multiplier_below_one(struct ztflm_context *ctx, double real, const char *why,
					int32_t *multiplier, int32_t *shift)
{
	ZTFLM_MSG_ONLY(why);
	ZTFLM_CHECK(ctx, real > 0.0 && real < 1.0, ZTFLM_ERR_UNSUPPORTED, "%s", why);
	ztflm_quantize_multiplier(real, multiplier, shift);
	return ZTFLM_OK;
}

static int quantize_value(struct ztflm_context *ctx, float scale, int32_t zero_point, float f,
			  int32_t *q)
{
	const float tmp = ztflm_roundf(f / scale);

	/* (float)INT32_MAX is 2^31, itself outside int32: the upper bound is exclusive. */
	if (!(tmp >= (float)INT32_MIN && tmp < -(float)INT32_MIN)) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "activation range overflows the output scale");
	}
	const int64_t sum = (int64_t)zero_point + (int64_t)(int32_t)tmp;

	if (sum < INT32_MIN || sum > INT32_MAX) {
		return ztflm_fail(ctx, ZTFLM_ERR_MODEL, "activation range overflows the output scale");
	}
	*q = (int32_t)sum;
	return ZTFLM_OK;
}

ZTFLM_COLD
int ztflm_activation_range_quantized(struct ztflm_context *ctx, int32_t activation, float scale,
				     int32_t zero_point, uint8_t type, int32_t *act_min,
				     int32_t *act_max)
{
	int32_t qmin;
	int32_t qmax;
	int32_t q = 0;
	int rc = ZTFLM_OK;

	switch (type) {
	case ZTFLM_INT8:
		qmin = INT8_MIN;
		qmax = INT8_MAX;
		break;
	case ZTFLM_UINT8:
		qmin = 0;
		qmax = UINT8_MAX;
		break;
	case ZTFLM_INT16:
		qmin = INT16_MIN;
		qmax = INT16_MAX;
		break;
	case ZTFLM_INT32:
		qmin = INT32_MIN;
		qmax = INT32_MAX;
		break;
	default:
		return ztflm_fail_type(ctx, "activation output", type);
	}
	*act_min = qmin;
	*act_max = qmax;
	switch (activation) {
	case ZTFLM_ACT_NONE:
	case ZTFLM_ACT_TANH:
	case ZTFLM_ACT_SIGN_BIT:
		/* TFLM clamps only for the RELU family; the others run unclamped. */
		break;
	case ZTFLM_ACT_RELU:
		rc = quantize_value(ctx, scale, zero_point, 0.0f, &q);
		*act_min = q > qmin ? q : qmin;
		break;
	case ZTFLM_ACT_RELU6:
		rc = quantize_value(ctx, scale, zero_point, 0.0f, &q);
		*act_min = q > qmin ? q : qmin;
		if (rc == ZTFLM_OK) {
			rc = quantize_value(ctx, scale, zero_point, 6.0f, &q);
			*act_max = q < qmax ? q : qmax;
		}
		break;
	case ZTFLM_ACT_RELU_N1_TO_1:
		rc = quantize_value(ctx, scale, zero_point, -1.0f, &q);
		*act_min = q > qmin ? q : qmin;
		if (rc == ZTFLM_OK) {
			rc = quantize_value(ctx, scale, zero_point, 1.0f, &q);
			*act_max = q < qmax ? q : qmax;
		}
		break;
	default:
		return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "fused activation %d not supported",
				  (int)activation);
	}
	return rc;
}

void ztflm_activation_range_i32(int32_t activation, int32_t *act_min, int32_t *act_max)
{
	switch (activation) {
	case ZTFLM_ACT_RELU:
		*act_min = 0;
		*act_max = INT32_MAX;
		break;
	case ZTFLM_ACT_RELU6:
		*act_min = 0;
		*act_max = 6;
		break;
	case ZTFLM_ACT_RELU_N1_TO_1:
		*act_min = -1;
		*act_max = 1;
		break;
	default:
		*act_min = INT32_MIN;
		*act_max = INT32_MAX;
		break;
	}
}

void ztflm_activation_range_float(int32_t activation, float *act_min, float *act_max)
{
	switch (activation) {
	case ZTFLM_ACT_RELU:
		*act_min = 0.0f;
		*act_max = FLT_MAX;
		break;
	case ZTFLM_ACT_RELU6:
		*act_min = 0.0f;
		*act_max = 6.0f;
		break;
	case ZTFLM_ACT_RELU_N1_TO_1:
		*act_min = -1.0f;
		*act_max = 1.0f;
		break;
	default:
		*act_min = -FLT_MAX;
		*act_max = FLT_MAX;
		break;
	}
}

/* The float steps of TFLM CheckedLog2 (std::log, TfLiteRound). */
bool ztflm_checked_log2(float x, int32_t *log2)
{
	const float l = logf(x) * (1.0f / logf(2.0f));
	const float rounded = ztflm_roundf(l);

	/* A scale of 0, infinity or NaN (a hostile model's) has no power of two. */
	if (!isfinite(rounded)) {
		*log2 = 0;
		return false;
	}
	*log2 = (int32_t)rounded;
	return fabsf(l - rounded) < 1e-3f;
}
