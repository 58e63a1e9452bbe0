/* FLOOR_DIV and FLOOR_MOD, reference variants (float32). */
#include "common/floatbits.h"
#include "common/mathf.h"
#include "ops/floor_div_mod.h"

/*
 * floor(q) through int64, exact: picolibc's double floor on RV32 is 2 off for some quotients
 * (16777216 / -7: -2396744, not -2396746). From 2^52 up every double is an integer.
 */
static inline double floor_exact(double q)
{
	if (!(q > -0x1p52 && q < 0x1p52)) {
		return q;
	}
	const double t = (double)(int64_t)q;

	/* The cast truncates toward 0: one less below 0, and a zero q keeps its sign. */
	return t > q ? t - 1.0 : (q == 0.0 ? q : t);
}

static inline float floor_div_f32(const struct ztflm_bcast *p, float x, float y)
{
	(void)p;
	return ztflm_x86_nan2(x, y, (float)floor_exact((double)x / (double)y));
}

/* TFLM scans the divisor for 0 (-0.0 too) and fails the node before dividing. */
static inline bool floor_div_by_zero(const struct ztflm_bcast *p, float x, float y)
{
	(void)p;
	(void)x;
	return y == 0.0f;
}

static inline float floor_mod_f32(const struct ztflm_bcast *p, float x, float y)
{
	const float r = ztflm_fmodf(x, y);

	(void)p;
	/*
	 * TFLM moves a remainder of the other sign than y by y. A NaN remainder would pass the
	 * test when y < 0 and come back from the addition unchanged on x86; it is left alone
	 * here, so soft-float cores that make their own NaN cannot change it.
	 */
	return r != 0.0f && r == r && (y < 0.0f) != (r < 0.0f) ? r + y : r;
}

#define P struct ztflm_bcast
ZTFLM_BINARY_CHECKED_VARIANT(floor_div_f32_ref, P, 0u, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
			     floor_div_f32, floor_div_by_zero, "division by zero");
ZTFLM_BINARY_PLAIN_VARIANT(floor_mod_f32_ref, ZTFLM_FLOAT32, float, ZTFLM_FLOAT32, float,
			   floor_mod_f32);
