/*
 * The Helium (M-profile Vector Extension) steps the arm_mve kernels are built from: <arm_mve.h>
 * intrinsics where the target has integer MVE (__ARM_FEATURE_MVE), the same arithmetic in
 * plain C elsewhere, so the overlay builds, and its tiling, padding and offset folding are
 * tested, on the host too. Header-only: every .c file of the overlay still replaces exactly
 * one reference file.
 */
#ifndef ZTFLM_KERNELS_ARM_MVE_MVE_H_
#define ZTFLM_KERNELS_ARM_MVE_MVE_H_

#include <stdint.h>
#include <string.h>

#include "common/quant.h"

#if defined(__ARM_FEATURE_MVE) && (__ARM_FEATURE_MVE & 1)
#include <arm_mve.h>
#define ZTFLM_MVE_NATIVE 1
#else
#define ZTFLM_MVE_NATIVE 0
#endif

/* make test-cross builds the overlay for Cortex-M55 and requires the intrinsics path. */
#if defined(ZTFLM_REQUIRE_MVE) && !ZTFLM_MVE_NATIVE
#error "ZTFLM_REQUIRE_MVE: this target has no integer MVE (Helium needs -mfloat-abi=hard/softfp)"
#endif

/* Four int32 lanes: a Q register, or its portable stand-in. */
#if ZTFLM_MVE_NATIVE
typedef int32x4_t ztflm_v4;
#else
typedef struct {
	int32_t v[4];
} ztflm_v4;
#endif

/* ---- Byte moves (im2col) ---- */

static inline void ztflm_mve_copy(int8_t *dst, const int8_t *src, uint32_t n)
{
#if ZTFLM_MVE_NATIVE
	uint32_t i = 0;

	for (; i + 16u <= n; i += 16u) {
		vstrbq_s8(dst + i, vldrbq_s8(src + i));
	}
	if (i < n) {
		const mve_pred16_t p = vctp8q(n - i);

		vstrbq_p_s8(dst + i, vldrbq_z_s8(src + i, p), p);
	}
#else
	memcpy(dst, src, n);
#endif
}

static inline void ztflm_mve_fill(int8_t *dst, int8_t value, uint32_t n)
{
#if ZTFLM_MVE_NATIVE
	const int8x16_t v = vdupq_n_s8(value);
	uint32_t i = 0;

	for (; i + 16u <= n; i += 16u) {
		vstrbq_s8(dst + i, v);
	}
	if (i < n) {
		vstrbq_p_s8(dst + i, v, vctp8q(n - i));
	}
#else
	memset(dst, value, n);
#endif
}

/* ---- Dot products of int8 vectors, accumulated with int32 wrap-around (as TFLM's) ---- */

static inline int32_t ztflm_mve_sum_s8(const int8_t *a, uint32_t n)
{
#if ZTFLM_MVE_NATIVE
	int32_t s = 0;
	uint32_t i = 0;

	for (; i + 16u <= n; i += 16u) {
		s = vaddvaq_s8(s, vldrbq_s8(a + i));
	}
	if (i < n) {
		s = vaddvaq_s8(s, vldrbq_z_s8(a + i, vctp8q(n - i)));
	}
	return s;
#else
	uint32_t s = 0;

	for (uint32_t i = 0; i < n; i++) {
		s += (uint32_t)(int32_t)a[i];
	}
	return (int32_t)s;
#endif
}

/*
 * Two weight rows against two columns of n values: acc[0] += w0.x0, acc[1] += w1.x0,
 * acc[2] += w0.x1, acc[3] += w1.x1. Sixteen products per VMLADAVA; the tail is loaded with
 * zeroing predication, so no byte past n is read.
 */
static inline void ztflm_mve_dot_2x2(const int8_t *w0, const int8_t *w1, const int8_t *x0,
				     const int8_t *x1, uint32_t n, int32_t acc[4])
{
#if ZTFLM_MVE_NATIVE
	int32_t a0 = acc[0];
	int32_t a1 = acc[1];
	int32_t a2 = acc[2];
	int32_t a3 = acc[3];

	for (uint32_t blocks = n / 16u; blocks > 0u; blocks--) {
		const int8x16_t va = vldrbq_s8(w0);
		const int8x16_t vb = vldrbq_s8(w1);
		const int8x16_t vx = vldrbq_s8(x0);
		const int8x16_t vy = vldrbq_s8(x1);

		w0 += 16;
		w1 += 16;
		x0 += 16;
		x1 += 16;
		a0 = vmladavaq_s8(a0, va, vx);
		a1 = vmladavaq_s8(a1, vb, vx);
		a2 = vmladavaq_s8(a2, va, vy);
		a3 = vmladavaq_s8(a3, vb, vy);
	}
	if ((n & 15u) != 0u) {
		const mve_pred16_t p = vctp8q(n & 15u);
		const int8x16_t va = vldrbq_z_s8(w0, p);
		const int8x16_t vb = vldrbq_z_s8(w1, p);
		const int8x16_t vx = vldrbq_z_s8(x0, p);
		const int8x16_t vy = vldrbq_z_s8(x1, p);

		a0 = vmladavaq_s8(a0, va, vx);
		a1 = vmladavaq_s8(a1, vb, vx);
		a2 = vmladavaq_s8(a2, va, vy);
		a3 = vmladavaq_s8(a3, vb, vy);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
#else
	uint32_t a[4] = {(uint32_t)acc[0], (uint32_t)acc[1], (uint32_t)acc[2], (uint32_t)acc[3]};

	for (uint32_t i = 0; i < n; i++) {
		a[0] += (uint32_t)((int32_t)w0[i] * x0[i]);
		a[1] += (uint32_t)((int32_t)w1[i] * x0[i]);
		a[2] += (uint32_t)((int32_t)w0[i] * x1[i]);
		a[3] += (uint32_t)((int32_t)w1[i] * x1[i]);
	}
	for (int k = 0; k < 4; k++) {
		acc[k] = (int32_t)a[k];
	}
#endif
}

/*
 * Four weight rows (stride bytes apart) against one column: acc[r] += w_r.x, and wsum[r] +=
 * the sum of row r, for folding an input offset in without widening.
 */
static inline void ztflm_mve_dot_4x1(const int8_t *w, uint32_t stride, const int8_t *x,
				     uint32_t n, int32_t acc[4], int32_t wsum[4])
{
	const int8_t *w0 = w;
	const int8_t *w1 = w0 + stride;
	const int8_t *w2 = w1 + stride;
	const int8_t *w3 = w2 + stride;
#if ZTFLM_MVE_NATIVE
	int32_t a0 = acc[0];
	int32_t a1 = acc[1];
	int32_t a2 = acc[2];
	int32_t a3 = acc[3];
	int32_t s0 = wsum[0];
	int32_t s1 = wsum[1];
	int32_t s2 = wsum[2];
	int32_t s3 = wsum[3];
	uint32_t i = 0;

	for (; i < n; i += 16u) {
		const mve_pred16_t p = vctp8q(n - i);
		const int8x16_t vx = vldrbq_z_s8(x + i, p);
		const int8x16_t v0 = vldrbq_z_s8(w0 + i, p);
		const int8x16_t v1 = vldrbq_z_s8(w1 + i, p);
		const int8x16_t v2 = vldrbq_z_s8(w2 + i, p);
		const int8x16_t v3 = vldrbq_z_s8(w3 + i, p);

		a0 = vmladavaq_s8(a0, v0, vx);
		s0 = vaddvaq_s8(s0, v0);
		a1 = vmladavaq_s8(a1, v1, vx);
		s1 = vaddvaq_s8(s1, v1);
		a2 = vmladavaq_s8(a2, v2, vx);
		s2 = vaddvaq_s8(s2, v2);
		a3 = vmladavaq_s8(a3, v3, vx);
		s3 = vaddvaq_s8(s3, v3);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
	wsum[0] = s0;
	wsum[1] = s1;
	wsum[2] = s2;
	wsum[3] = s3;
#else
	const int8_t *rows[4] = {w0, w1, w2, w3};

	for (int r = 0; r < 4; r++) {
		uint32_t a = (uint32_t)acc[r];
		uint32_t s = (uint32_t)wsum[r];

		for (uint32_t i = 0; i < n; i++) {
			a += (uint32_t)((int32_t)rows[r][i] * x[i]);
			s += (uint32_t)(int32_t)rows[r][i];
		}
		acc[r] = (int32_t)a;
		wsum[r] = (int32_t)s;
	}
#endif
}

/* ---- Four-lane int32 arithmetic (requantization, depthwise, pooling, element-wise) ---- */

/*
 * 16x8: two int8 weight rows against two int16 columns of n values, exactly in int64 (TFLM's
 * accumulator): acc[0] += w0.x0, acc[1] += w1.x0, acc[2] += w0.x1, acc[3] += w1.x1. Eight
 * products per VMLALDAVA, the weights widened by the load; the tail with zeroing predication.
 */
static inline void ztflm_mve_dot_s16_2x2(const int8_t *w0, const int8_t *w1, const int16_t *x0,
					 const int16_t *x1, uint32_t n, int64_t acc[4])
{
#if ZTFLM_MVE_NATIVE
	int64_t a0 = acc[0];
	int64_t a1 = acc[1];
	int64_t a2 = acc[2];
	int64_t a3 = acc[3];

	for (uint32_t i = 0; i < n; i += 8u) {
		const mve_pred16_t p = vctp16q(n - i);
		const int16x8_t va = vldrbq_z_s16(w0 + i, p);
		const int16x8_t vb = vldrbq_z_s16(w1 + i, p);
		const int16x8_t vx = vldrhq_z_s16(x0 + i, p);
		const int16x8_t vy = vldrhq_z_s16(x1 + i, p);

		a0 = vmlaldavaq_s16(a0, va, vx);
		a1 = vmlaldavaq_s16(a1, vb, vx);
		a2 = vmlaldavaq_s16(a2, va, vy);
		a3 = vmlaldavaq_s16(a3, vb, vy);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
#else
	for (uint32_t i = 0; i < n; i++) {
		acc[0] += (int32_t)w0[i] * x0[i];
		acc[1] += (int32_t)w1[i] * x0[i];
		acc[2] += (int32_t)w0[i] * x1[i];
		acc[3] += (int32_t)w1[i] * x1[i];
	}
#endif
}

/*
 * 16x8: four int8 weight rows (stride bytes apart) against one int16 column, exactly in int64:
 * acc[r] += w_r.x.
 */
static inline void ztflm_mve_dot_s16_4x1(const int8_t *w, uint32_t stride, const int16_t *x,
					 uint32_t n, int64_t acc[4])
{
	const int8_t *w0 = w;
	const int8_t *w1 = w0 + stride;
	const int8_t *w2 = w1 + stride;
	const int8_t *w3 = w2 + stride;
#if ZTFLM_MVE_NATIVE
	int64_t a0 = acc[0];
	int64_t a1 = acc[1];
	int64_t a2 = acc[2];
	int64_t a3 = acc[3];

	for (uint32_t i = 0; i < n; i += 8u) {
		const mve_pred16_t p = vctp16q(n - i);
		const int16x8_t vx = vldrhq_z_s16(x + i, p);

		a0 = vmlaldavaq_s16(a0, vldrbq_z_s16(w0 + i, p), vx);
		a1 = vmlaldavaq_s16(a1, vldrbq_z_s16(w1 + i, p), vx);
		a2 = vmlaldavaq_s16(a2, vldrbq_z_s16(w2 + i, p), vx);
		a3 = vmlaldavaq_s16(a3, vldrbq_z_s16(w3 + i, p), vx);
	}
	acc[0] = a0;
	acc[1] = a1;
	acc[2] = a2;
	acc[3] = a3;
#else
	for (uint32_t i = 0; i < n; i++) {
		acc[0] += (int32_t)w0[i] * x[i];
		acc[1] += (int32_t)w1[i] * x[i];
		acc[2] += (int32_t)w2[i] * x[i];
		acc[3] += (int32_t)w3[i] * x[i];
	}
#endif
}

#if ZTFLM_MVE_NATIVE

static inline ztflm_v4 ztflm_v4_dup(int32_t a)
{
	return vdupq_n_s32(a);
}

static inline ztflm_v4 ztflm_v4_make(int32_t a, int32_t b, int32_t c, int32_t d)
{
	ztflm_v4 v = vdupq_n_s32(a);

	v = vsetq_lane_s32(b, v, 1);
	v = vsetq_lane_s32(c, v, 2);
	return vsetq_lane_s32(d, v, 3);
}

/* n (1..4) int32 from p; lanes past n are 0. */
static inline ztflm_v4 ztflm_v4_load(const int32_t *p, uint32_t n)
{
	return n >= 4u ? vldrwq_s32(p) : vldrwq_z_s32(p, vctp32q(n));
}

/* n (1..4) int8 from p, sign-extended; lanes past n are 0. */
static inline ztflm_v4 ztflm_v4_load_s8(const int8_t *p, uint32_t n)
{
	return n >= 4u ? vldrbq_s32(p) : vldrbq_z_s32(p, vctp32q(n));
}

/* n (1..4) int16 from p, sign-extended; lanes past n are 0. */
static inline ztflm_v4 ztflm_v4_load_s16(const int16_t *p, uint32_t n)
{
	return n >= 4u ? vldrhq_s32(p) : vldrhq_z_s32(p, vctp32q(n));
}

static inline void ztflm_v4_store(int32_t *p, ztflm_v4 v, uint32_t n)
{
	if (n >= 4u) {
		vstrwq_s32(p, v);
	} else {
		vstrwq_p_s32(p, v, vctp32q(n));
	}
}

/* The low byte of n (1..4) lanes to p. */
static inline void ztflm_v4_store_s8(int8_t *p, ztflm_v4 v, uint32_t n)
{
	if (n >= 4u) {
		vstrbq_s32(p, v);
	} else {
		vstrbq_p_s32(p, v, vctp32q(n));
	}
}

static inline ztflm_v4 ztflm_v4_add(ztflm_v4 a, ztflm_v4 b)
{
	return vaddq_s32(a, b);
}

static inline ztflm_v4 ztflm_v4_add_n(ztflm_v4 a, int32_t b)
{
	return vaddq_n_s32(a, b);
}

static inline ztflm_v4 ztflm_v4_mul(ztflm_v4 a, ztflm_v4 b)
{
	return vmulq_s32(a, b);
}

/* a + b * c, wrapping. */
static inline ztflm_v4 ztflm_v4_mla(ztflm_v4 a, ztflm_v4 b, ztflm_v4 c)
{
	return vaddq_s32(a, vmulq_s32(b, c));
}

static inline ztflm_v4 ztflm_v4_max(ztflm_v4 a, ztflm_v4 b)
{
	return vmaxq_s32(a, b);
}

/* lo <= hi: max(x, lo) then min(., hi), which is ztflm_clamp_i32 for an ordered range. */
static inline ztflm_v4 ztflm_v4_clamp(ztflm_v4 x, int32_t lo, int32_t hi)
{
	return vminq_s32(vmaxq_s32(x, vdupq_n_s32(lo)), vdupq_n_s32(hi));
}

static inline ztflm_v4 ztflm_v4_shl(ztflm_v4 x, int32_t left)
{
	return vshlq_s32(x, vdupq_n_s32(left));
}

/*
 * TFLM MultiplyByQuantizedMultiplier lane by lane; shift is left when > 0. VQRDMULH is
 * gemmlowp's SaturatingRoundingDoublingHighMul exactly (both round (2ab + 2^31) >> 32 and
 * saturate only INT32_MIN squared); VRSHL rounds half up, so negative lanes first lose one
 * (saturating) to round half away from zero as RoundingDivideByPOT does. neg_right & x has
 * its sign bit set only for a negative lane with a non-zero right shift.
 */
static inline ztflm_v4 ztflm_v4_mbqm(ztflm_v4 x, ztflm_v4 multiplier, ztflm_v4 shift)
{
	const int32x4_t zero = vdupq_n_s32(0);
	const int32x4_t left = vmaxq_s32(shift, zero);
	const int32x4_t neg_right = vminq_s32(shift, zero);
	const int32x4_t high = vqrdmulhq_s32(vshlq_s32(x, left), multiplier);
	const int32x4_t fixup = vshrq_n_s32(vandq_s32(high, neg_right), 31);

	return vrshlq_s32(vqaddq_s32(high, fixup), neg_right);
}

/* MultiplyByQuantizedMultiplierSmallerThanOneExp: shift <= 0, one for every lane. */
static inline ztflm_v4 ztflm_v4_mbqm_smaller(ztflm_v4 x, int32_t multiplier, int32_t shift)
{
	const int32x4_t neg_right = vdupq_n_s32(shift);
	const int32x4_t high = vqrdmulhq_n_s32(x, multiplier);
	const int32x4_t fixup = vshrq_n_s32(vandq_s32(high, neg_right), 31);

	return vrshlq_s32(vqaddq_s32(high, fixup), neg_right);
}

/* acc + x * w for a scalar w. */
static inline ztflm_v4 ztflm_v4_mla_n(ztflm_v4 acc, ztflm_v4 x, int32_t w)
{
	return vmlaq_n_s32(acc, x, w);
}

/* Four int8 at base + offset[k], sign-extended (VLDRB.S32 gather). */
static inline ztflm_v4 ztflm_v4_gather_s8(const int8_t *base, ztflm_v4 offset)
{
	return vldrbq_gather_offset_s32(base, vreinterpretq_u32_s32(offset));
}

/* The low byte of each lane to base + offset[k] (VSTRB.32 scatter). */
static inline void ztflm_v4_scatter_s8(int8_t *base, ztflm_v4 offset, ztflm_v4 v)
{
	vstrbq_scatter_offset_s32(base, vreinterpretq_u32_s32(offset), v);
}

static inline int32_t ztflm_v4_lane(ztflm_v4 v, int k)
{
	switch (k) {
	case 0:
		return vgetq_lane_s32(v, 0);
	case 1:
		return vgetq_lane_s32(v, 1);
	case 2:
		return vgetq_lane_s32(v, 2);
	default:
		return vgetq_lane_s32(v, 3);
	}
}

#else /* portable C, lane by lane */

static inline ztflm_v4 ztflm_v4_dup(int32_t a)
{
	const ztflm_v4 v = {{a, a, a, a}};

	return v;
}

static inline ztflm_v4 ztflm_v4_make(int32_t a, int32_t b, int32_t c, int32_t d)
{
	const ztflm_v4 v = {{a, b, c, d}};

	return v;
}

static inline ztflm_v4 ztflm_v4_load(const int32_t *p, uint32_t n)
{
	ztflm_v4 v = {{0, 0, 0, 0}};

	for (uint32_t k = 0; k < 4u && k < n; k++) {
		v.v[k] = p[k];
	}
	return v;
}

static inline ztflm_v4 ztflm_v4_load_s8(const int8_t *p, uint32_t n)
{
	ztflm_v4 v = {{0, 0, 0, 0}};

	for (uint32_t k = 0; k < 4u && k < n; k++) {
		v.v[k] = p[k];
	}
	return v;
}

static inline ztflm_v4 ztflm_v4_load_s16(const int16_t *p, uint32_t n)
{
	ztflm_v4 v = {{0, 0, 0, 0}};

	for (uint32_t k = 0; k < 4u && k < n; k++) {
		v.v[k] = p[k];
	}
	return v;
}

static inline void ztflm_v4_store(int32_t *p, ztflm_v4 v, uint32_t n)
{
	for (uint32_t k = 0; k < 4u && k < n; k++) {
		p[k] = v.v[k];
	}
}

static inline void ztflm_v4_store_s8(int8_t *p, ztflm_v4 v, uint32_t n)
{
	for (uint32_t k = 0; k < 4u && k < n; k++) {
		p[k] = (int8_t)v.v[k];
	}
}

static inline ztflm_v4 ztflm_v4_add(ztflm_v4 a, ztflm_v4 b)
{
	for (int k = 0; k < 4; k++) {
		a.v[k] = (int32_t)((uint32_t)a.v[k] + (uint32_t)b.v[k]);
	}
	return a;
}

static inline ztflm_v4 ztflm_v4_add_n(ztflm_v4 a, int32_t b)
{
	return ztflm_v4_add(a, ztflm_v4_dup(b));
}

static inline ztflm_v4 ztflm_v4_mul(ztflm_v4 a, ztflm_v4 b)
{
	for (int k = 0; k < 4; k++) {
		a.v[k] = (int32_t)((uint32_t)a.v[k] * (uint32_t)b.v[k]);
	}
	return a;
}

static inline ztflm_v4 ztflm_v4_mla(ztflm_v4 a, ztflm_v4 b, ztflm_v4 c)
{
	return ztflm_v4_add(a, ztflm_v4_mul(b, c));
}

static inline ztflm_v4 ztflm_v4_max(ztflm_v4 a, ztflm_v4 b)
{
	for (int k = 0; k < 4; k++) {
		a.v[k] = a.v[k] > b.v[k] ? a.v[k] : b.v[k];
	}
	return a;
}

static inline ztflm_v4 ztflm_v4_clamp(ztflm_v4 x, int32_t lo, int32_t hi)
{
	for (int k = 0; k < 4; k++) {
		const int32_t y = x.v[k] > lo ? x.v[k] : lo;

		x.v[k] = y < hi ? y : hi;
	}
	return x;
}

static inline ztflm_v4 ztflm_v4_shl(ztflm_v4 x, int32_t left)
{
	for (int k = 0; k < 4; k++) {
		x.v[k] = (int32_t)((uint32_t)x.v[k] << left);
	}
	return x;
}

static inline ztflm_v4 ztflm_v4_mbqm(ztflm_v4 x, ztflm_v4 multiplier, ztflm_v4 shift)
{
	for (int k = 0; k < 4; k++) {
		x.v[k] = ztflm_mbqm(x.v[k], multiplier.v[k], shift.v[k]);
	}
	return x;
}

static inline ztflm_v4 ztflm_v4_mbqm_smaller(ztflm_v4 x, int32_t multiplier, int32_t shift)
{
	for (int k = 0; k < 4; k++) {
		x.v[k] = ztflm_mbqm_smaller_than_one(x.v[k], multiplier, shift);
	}
	return x;
}

static inline ztflm_v4 ztflm_v4_mla_n(ztflm_v4 acc, ztflm_v4 x, int32_t w)
{
	return ztflm_v4_mla(acc, x, ztflm_v4_dup(w));
}

static inline ztflm_v4 ztflm_v4_gather_s8(const int8_t *base, ztflm_v4 offset)
{
	for (int k = 0; k < 4; k++) {
		offset.v[k] = base[(uint32_t)offset.v[k]];
	}
	return offset;
}

static inline void ztflm_v4_scatter_s8(int8_t *base, ztflm_v4 offset, ztflm_v4 v)
{
	for (int k = 0; k < 4; k++) {
		base[(uint32_t)offset.v[k]] = (int8_t)v.v[k];
	}
}

static inline int32_t ztflm_v4_lane(ztflm_v4 v, int k)
{
	return v.v[k];
}

#endif /* ZTFLM_MVE_NATIVE */

/*
 * Requantized int8 outputs of four accumulators: scaled by the lanes' multipliers and shifts,
 * plus the output zero point, clamped to the activation range [lo, hi] (lo <= hi).
 */
static inline ztflm_v4 ztflm_v4_requant(ztflm_v4 acc, ztflm_v4 multiplier, ztflm_v4 shift,
					int32_t output_offset, int32_t lo, int32_t hi)
{
	return ztflm_v4_clamp(ztflm_v4_add_n(ztflm_v4_mbqm(acc, multiplier, shift), output_offset),
			      lo, hi);
}

#endif /* ZTFLM_KERNELS_ARM_MVE_MVE_H_ */
