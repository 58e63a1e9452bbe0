/* ABS and RSQRT, reference variants: one quantized arithmetic each for int8 and int16. */
#include "common/fixedpoint.h"
#include "common/floatbits.h"
#include "common/quant.h"
#include "ops/abs_rsqrt.h"

#define P struct ztflm_abs_rsqrt_params

static inline int32_t abs_q(const P *p, int32_t x)
{
	const int32_t v = x - p->input_offset;
	const int32_t a = v < 0 ? -v : v;
	/* Wrapping, as TFLM's int arithmetic behaves when a huge rescale overflows. */
	const int32_t out = p->rescale ? (int32_t)((uint32_t)ztflm_mbqm(a, p->multiplier, p->shift) +
						   (uint32_t)p->output_offset)
				       : a + p->output_offset;

	return ztflm_clamp_i32(out, p->min, p->max);
}

static inline float abs_f32(const P *p, float x)
{
	(void)p;
	/* The sign bit cleared, a NaN left as it is (x86's andps). */
	return ztflm_bits_float(ztflm_float_bits(x) & 0x7fffffffu);
}

/* The fixed-point 1 / sqrt(x - zp), as TFLM computes it with 20 bits of headroom. */
static inline int32_t rsqrt_q(const P *p, int32_t x)
{
	const int32_t v = x - p->input_offset;
	int32_t m;
	int32_t s;

	/* TFLM's stand-in for a value near 0: the largest output. */
	if (v == 0) {
		return p->max;
	}
	ztflm_fp_inv_sqrt(v, &m, &s);
	const int32_t data = ztflm_mbqm(1, m, s + 20);
	const int32_t out = (int32_t)((uint32_t)ztflm_mbqm(data, p->multiplier, p->shift) +
				      (uint32_t)p->output_offset);

	return ztflm_clamp_i32(out, p->min, p->max);
}

/* TFLM fails the node on a value below the zero point (a negative real value). */
static inline bool rsqrt_negative(const P *p, int32_t x)
{
	return x < p->input_offset;
}

static inline float rsqrt_f32(const P *p, float x)
{
	const uint32_t u = ztflm_float_bits(x);

	(void)p;
	if ((u & 0x7fffffffu) > 0x7f800000u) {
		return ztflm_quiet_nan(u);
	}
	/* Below -0.0 the square root is x86's invalid NaN, and its reciprocal that NaN. */
	return x < 0.0f ? ztflm_bits_float(ZTFLM_X86_DEFAULT_NAN) : 1.0f / __builtin_sqrtf(x);
}

ZTFLM_UNARY_VARIANT(abs_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, abs_q);
ZTFLM_UNARY_VARIANT(abs_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t, abs_q);
ZTFLM_UNARY_VARIANT(abs_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, abs_f32);
ZTFLM_UNARY_CHECKED_VARIANT(rsqrt_s8_ref, P, ZTFLM_INT8, int8_t, ZTFLM_INT8, int8_t, rsqrt_q,
			    rsqrt_negative, "below the input zero point (negative)");
ZTFLM_UNARY_CHECKED_VARIANT(rsqrt_s16_ref, P, ZTFLM_INT16, int16_t, ZTFLM_INT16, int16_t,
			    rsqrt_q, rsqrt_negative, "below the input zero point (negative)");
ZTFLM_UNARY_VARIANT(rsqrt_f32_ref, P, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float, rsqrt_f32);
