/*
 * The DSP-extension instructions the arm_dsp kernels use: ACLE intrinsics where the target has
 * them (__ARM_FEATURE_DSP), the same semantics in portable C elsewhere, so the overlay builds
 * and is tested on the host too. Lanes: bits 15..0 are the low lane, 31..16 the high one.
 */
#ifndef ZTFLM_KERNELS_ARM_DSP_DSP_H_
#define ZTFLM_KERNELS_ARM_DSP_DSP_H_

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP
#include <arm_acle.h>
#define ZTFLM_DSP_NATIVE 1
#else
#define ZTFLM_DSP_NATIVE 0
#endif

/* Builds for a DSP core define this, so a flag mistake cannot silently give the plain C. */
#if defined(ZTFLM_REQUIRE_DSP) && !ZTFLM_DSP_NATIVE
#error "ZTFLM_REQUIRE_DSP: the target has no DSP extension (__ARM_FEATURE_DSP)"
#endif

/* An out-of-line hot loop: it then has the register file to itself. */
#define ZTFLM_DSP_HOT __attribute__((noinline, unused))

/*
 * Straight-line code kept in source order: GCC's first scheduling pass hoists every load
 * of an unrolled window to the top and spills what no longer fits in registers.
 */
#if defined(__GNUC__) && !defined(__clang__)
#define ZTFLM_DSP_IN_ORDER __attribute__((optimize("no-schedule-insns")))
#else
#define ZTFLM_DSP_IN_ORDER
#endif

/* Four int8 (or two int16) from any alignment; one LDR on cores with unaligned access. */
static inline uint32_t ztflm_dsp_load4(const void *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static inline void ztflm_dsp_store4(void *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static inline uint32_t ztflm_dsp_pack16(int32_t lo, int32_t hi)
{
	return ((uint32_t)hi << 16) | ((uint32_t)lo & 0xFFFFu);
}

static inline int32_t ztflm_dsp_lo(uint32_t x)
{
	return (int32_t)(int16_t)(uint16_t)(x & 0xFFFFu);
}

static inline int32_t ztflm_dsp_hi(uint32_t x)
{
	return (int32_t)(int16_t)(uint16_t)(x >> 16);
}

#if ZTFLM_DSP_NATIVE

/* Bytes 0 and 2 sign-extended to the two lanes. */
static inline uint32_t ztflm_dsp_sxtb16(uint32_t x)
{
	return (uint32_t)__sxtb16(x);
}

/* Bytes 1 and 3 sign-extended to the two lanes (SXTB16 with ROR #8, one instruction). */
static inline uint32_t ztflm_dsp_sxtb16_ror8(uint32_t x)
{
	uint32_t r;

	__asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
	return r;
}

/* Lane-wise a + bytes 0 and 2 of x, sign-extended. */
static inline uint32_t ztflm_dsp_sxtab16(uint32_t a, uint32_t x)
{
	return (uint32_t)__sxtab16(a, x);
}

/* Lane-wise a + bytes 1 and 3 of x, sign-extended. */
static inline uint32_t ztflm_dsp_sxtab16_ror8(uint32_t a, uint32_t x)
{
	uint32_t r;

	__asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
	return r;
}

/* acc + lo(a) * lo(b) + hi(a) * hi(b), wrapping. */
static inline int32_t ztflm_dsp_smlad(uint32_t a, uint32_t b, int32_t acc)
{
	return __smlad((int16x2_t)a, (int16x2_t)b, acc);
}

static inline int32_t ztflm_dsp_smlabb(uint32_t a, uint32_t b, int32_t acc)
{
	return __smlabb((int32_t)a, (int32_t)b, acc);
}

static inline int32_t ztflm_dsp_smlatt(uint32_t a, uint32_t b, int32_t acc)
{
	return __smlatt((int32_t)a, (int32_t)b, acc);
}

/* acc + hi(a) * lo(b), and acc + lo(a) * hi(b), wrapping. */
static inline int32_t ztflm_dsp_smlatb(uint32_t a, uint32_t b, int32_t acc)
{
	return __smlatb((int32_t)a, (int32_t)b, acc);
}

static inline int32_t ztflm_dsp_smlabt(uint32_t a, uint32_t b, int32_t acc)
{
	return __smlabt((int32_t)a, (int32_t)b, acc);
}

/* Lane-wise saturating int16 add. */
static inline uint32_t ztflm_dsp_qadd16(uint32_t a, uint32_t b)
{
	return (uint32_t)__qadd16((int16x2_t)a, (int16x2_t)b);
}

#define ztflm_dsp_ssat(x, bits) __ssat((x), (bits))

/* Byte-wise maximum and minimum of four int8 (SSUB8 sets GE, SEL picks by it). */
static inline uint32_t ztflm_dsp_max_s8x4(uint32_t a, uint32_t b)
{
	uint32_t r;

	__asm__("ssub8 %0, %1, %2\n\tsel %0, %1, %2" : "=&r"(r) : "r"(a), "r"(b) : "cc");
	return r;
}

static inline uint32_t ztflm_dsp_min_s8x4(uint32_t a, uint32_t b)
{
	uint32_t r;

	__asm__("ssub8 %0, %1, %2\n\tsel %0, %2, %1" : "=&r"(r) : "r"(a), "r"(b) : "cc");
	return r;
}

/*
 * p[k] as two words with one LDRD (k a constant below 128): GCC otherwise splits a 64-bit
 * load whose halves are used apart into two LDRs.
 */
#define ztflm_dsp_load8(p, k, lo, hi)                                                     \
	__asm__("ldrd %0, %1, [%2, %3]"                                                  \
		: "=r"(lo), "=r"(hi)                                                       \
		: "r"(p), "i"(8 * (k)), "m"((p)[k]))

#else /* portable C with the same results */

static inline uint32_t ztflm_dsp_sxtb16(uint32_t x)
{
	return ztflm_dsp_pack16((int8_t)(uint8_t)x, (int8_t)(uint8_t)(x >> 16));
}

static inline uint32_t ztflm_dsp_sxtb16_ror8(uint32_t x)
{
	return ztflm_dsp_pack16((int8_t)(uint8_t)(x >> 8), (int8_t)(uint8_t)(x >> 24));
}

static inline uint32_t ztflm_dsp_sxtab16(uint32_t a, uint32_t x)
{
	/* Each lane wraps modulo 2^16, as the instruction does. */
	return ztflm_dsp_pack16((int32_t)((a & 0xFFFFu) + (uint32_t)(int8_t)(uint8_t)x),
				(int32_t)((a >> 16) + (uint32_t)(int8_t)(uint8_t)(x >> 16)));
}

static inline uint32_t ztflm_dsp_sxtab16_ror8(uint32_t a, uint32_t x)
{
	return ztflm_dsp_sxtab16(a, (x >> 8) | (x << 24));
}

static inline int32_t ztflm_dsp_smlad(uint32_t a, uint32_t b, int32_t acc)
{
	const int32_t lo = ztflm_dsp_lo(a) * ztflm_dsp_lo(b);
	const int32_t hi = ztflm_dsp_hi(a) * ztflm_dsp_hi(b);

	return (int32_t)((uint32_t)acc + (uint32_t)lo + (uint32_t)hi);
}

static inline int32_t ztflm_dsp_smlabb(uint32_t a, uint32_t b, int32_t acc)
{
	return (int32_t)((uint32_t)acc + (uint32_t)(ztflm_dsp_lo(a) * ztflm_dsp_lo(b)));
}

static inline int32_t ztflm_dsp_smlatt(uint32_t a, uint32_t b, int32_t acc)
{
	return (int32_t)((uint32_t)acc + (uint32_t)(ztflm_dsp_hi(a) * ztflm_dsp_hi(b)));
}

static inline int32_t ztflm_dsp_smlatb(uint32_t a, uint32_t b, int32_t acc)
{
	return (int32_t)((uint32_t)acc + (uint32_t)(ztflm_dsp_hi(a) * ztflm_dsp_lo(b)));
}

static inline int32_t ztflm_dsp_smlabt(uint32_t a, uint32_t b, int32_t acc)
{
	return (int32_t)((uint32_t)acc + (uint32_t)(ztflm_dsp_lo(a) * ztflm_dsp_hi(b)));
}

static inline int32_t ztflm_dsp_sat16(int32_t x)
{
	return x < INT16_MIN ? INT16_MIN : (x > INT16_MAX ? INT16_MAX : x);
}

static inline uint32_t ztflm_dsp_qadd16(uint32_t a, uint32_t b)
{
	return ztflm_dsp_pack16(ztflm_dsp_sat16(ztflm_dsp_lo(a) + ztflm_dsp_lo(b)),
				ztflm_dsp_sat16(ztflm_dsp_hi(a) + ztflm_dsp_hi(b)));
}

static inline int32_t ztflm_dsp_ssat_c(int32_t x, int32_t bits)
{
	const int32_t hi = (int32_t)((1u << (bits - 1)) - 1u);
	const int32_t lo = -hi - 1;

	return x < lo ? lo : (x > hi ? hi : x);
}

#define ztflm_dsp_ssat(x, bits) ztflm_dsp_ssat_c((x), (bits))

static inline uint32_t ztflm_dsp_max_s8x4(uint32_t a, uint32_t b)
{
	uint32_t r = 0;

	for (uint32_t i = 0; i < 32u; i += 8u) {
		const int8_t x = (int8_t)(uint8_t)(a >> i);
		const int8_t y = (int8_t)(uint8_t)(b >> i);

		r |= (uint32_t)(uint8_t)(x > y ? x : y) << i;
	}
	return r;
}

static inline uint32_t ztflm_dsp_min_s8x4(uint32_t a, uint32_t b)
{
	uint32_t r = 0;

	for (uint32_t i = 0; i < 32u; i += 8u) {
		const int8_t x = (int8_t)(uint8_t)(a >> i);
		const int8_t y = (int8_t)(uint8_t)(b >> i);

		r |= (uint32_t)(uint8_t)(x < y ? x : y) << i;
	}
	return r;
}

#define ztflm_dsp_load8(p, k, lo, hi)                                                     \
	do {                                                                              \
		(lo) = (uint32_t)(p)[k];                                                  \
		(hi) = (uint32_t)((p)[k] >> 32);                                          \
	} while (0)

#endif /* ZTFLM_DSP_NATIVE */

/* The same value in both lanes. */
static inline uint32_t ztflm_dsp_dup16(int32_t v)
{
	return ztflm_dsp_pack16(v, v);
}

/*
 * TFLM MultiplyByQuantizedMultiplier with the shift split once per channel: left = max(shift,
 * 0), right = max(-shift, 0). Bit-exact with ztflm_mbqm: gemmlowp's nudge-then-truncate
 * rounding of the doubled high product equals (a * b + 2^30) >> 31 for either sign, and
 * rounding half away from zero by a power of two is done with a mask as gemmlowp does.
 */
static inline int32_t ztflm_dsp_requant(int32_t x, int32_t multiplier, int32_t left,
					int32_t right)
{
	const int32_t a = (int32_t)((uint32_t)x << left);
	int32_t high;

	if (a == INT32_MIN && multiplier == INT32_MIN) {
		high = INT32_MAX;
	} else {
		high = (int32_t)(((int64_t)a * multiplier + ((int64_t)1 << 30)) >> 31);
	}
	const int32_t mask = (int32_t)((1u << right) - 1u);
	const int32_t remainder = high & mask;
	const int32_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);

	return (high >> right) + (remainder > threshold ? 1 : 0);
}

/* The int8 result of an accumulator: requantize, add the output zero point, clamp. */
static inline int8_t ztflm_dsp_out_s8(int32_t acc, int32_t multiplier, int32_t left,
				      int32_t right, int32_t out_offset, int32_t lo, int32_t hi)
{
	int32_t v = (int32_t)((uint32_t)ztflm_dsp_requant(acc, multiplier, left, right) +
			      (uint32_t)out_offset);

	v = v < lo ? lo : v;
	v = v > hi ? hi : v;
	return (int8_t)v;
}

/* One channel's requantization, split once per call instead of once per output value. */
struct ztflm_dsp_qparam {
	int32_t multiplier;
	int16_t left;  /**< max(shift, 0) */
	int16_t right; /**< max(-shift, 0): the rounding mask is (1 << right) - 1 */
};

/* One channel's parameters, split from its multiplier and shift. */
static inline void ztflm_dsp_qparam_of(int32_t multiplier, int32_t shift,
				       struct ztflm_dsp_qparam *q)
{
	q->multiplier = multiplier;
	q->left = (int16_t)(shift > 0 ? shift : 0);
	q->right = (int16_t)(shift > 0 ? 0 : -shift);
}

/*
 * n channels' parameters (the single one repeated when not per channel). Returns 1 when a
 * multiplier is INT32_MIN, the one value with which gemmlowp's doubling multiply can
 * saturate (QuantizeMultiplier never gives it): ztflm_dsp_requant_row then checks for it.
 */
static inline int32_t ztflm_dsp_qparams(const int32_t *multiplier, const int32_t *shift,
					int32_t per_channel, uint32_t n,
					struct ztflm_dsp_qparam *dst)
{
	int32_t saturating = 0;

	for (uint32_t c = 0; c < n; c++) {
		const uint32_t ch = per_channel ? c : 0u;

		ztflm_dsp_qparam_of(multiplier[ch], shift[ch], &dst[c]);
		saturating |= multiplier[ch] == INT32_MIN;
	}
	return saturating;
}

/* The requantized value before the output offset, for a multiplier other than INT32_MIN. */
static inline int32_t ztflm_dsp_rq(int32_t acc, const struct ztflm_dsp_qparam *q)
{
	const int32_t a = (int32_t)((uint32_t)acc << q->left);
	const int64_t prod = (int64_t)a * q->multiplier + ((int64_t)1 << 30);
#if defined(__ARM_FEATURE_MVE)
	/* Bits 31 to 62 from the product's two words: with MVE, GCC 12 shifts the pair with
	 * ASRL and spills both words around every output (KWS on M55: -1.7% instructions). */
	const int32_t high = (int32_t)(((uint32_t)(prod >> 32) << 1) | ((uint32_t)prod >> 31));
#else
	/* The same two words written this way cost 2% more on Cortex-M4. */
	const int32_t high = (int32_t)(prod >> 31);
#endif
	const int32_t mask = (int32_t)((1u << q->right) - 1u);
	const int32_t threshold = (mask >> 1) + (int32_t)((uint32_t)high >> 31);

	return (high >> q->right) + ((high & mask) > threshold ? 1 : 0);
}

/*
 * ztflm_dsp_out_q for the range [-128, 127] and a multiplier other than INT32_MIN: the
 * output offset added wrapping (as TFLM's), then one SSAT.
 */
static inline int8_t ztflm_dsp_out_full(int32_t acc, const struct ztflm_dsp_qparam *q,
					int32_t out_offset)
{
	const uint32_t v = (uint32_t)ztflm_dsp_rq(acc, q) + (uint32_t)out_offset;

	return (int8_t)ztflm_dsp_ssat((int32_t)v, 8);
}

/* ztflm_dsp_out_s8 with a split parameter set. */
static inline int8_t ztflm_dsp_out_q(int32_t acc, const struct ztflm_dsp_qparam *q,
				     int32_t out_offset, int32_t lo, int32_t hi)
{
	return ztflm_dsp_out_s8(acc, q->multiplier, q->left, q->right, out_offset, lo, hi);
}

/*
 * n accumulators to int8 with per-channel parameters q (saturating: as ztflm_dsp_qparams
 * said). Out of line, and with nothing that an int8 store could alias, so the loop keeps its
 * values in registers; SSAT alone when the activation range is all of int8.
 */
static __attribute__((noinline, unused)) void
ztflm_dsp_requant_row(const int32_t *restrict acc, const struct ztflm_dsp_qparam *restrict q,
		      uint32_t n, int32_t out_offset, int32_t lo, int32_t hi, int32_t saturating,
		      int8_t *restrict out)
{
	uint32_t c = 0;

	if (saturating) {
		for (; c < n; c++) {
			out[c] = ztflm_dsp_out_q(acc[c], &q[c], out_offset, lo, hi);
		}
		return;
	}
	if (lo == INT8_MIN && hi == INT8_MAX) {
		for (; c + 2u <= n; c += 2u) {
			const uint32_t v0 = (uint32_t)ztflm_dsp_rq(acc[c], &q[c]) + (uint32_t)out_offset;
			const uint32_t v1 =
				(uint32_t)ztflm_dsp_rq(acc[c + 1u], &q[c + 1u]) + (uint32_t)out_offset;

			out[c] = (int8_t)ztflm_dsp_ssat((int32_t)v0, 8);
			out[c + 1u] = (int8_t)ztflm_dsp_ssat((int32_t)v1, 8);
		}
		if (c < n) {
			const uint32_t v = (uint32_t)ztflm_dsp_rq(acc[c], &q[c]) + (uint32_t)out_offset;

			out[c] = (int8_t)ztflm_dsp_ssat((int32_t)v, 8);
		}
		return;
	}
	for (; c + 2u <= n; c += 2u) {
		int32_t v0 = (int32_t)((uint32_t)ztflm_dsp_rq(acc[c], &q[c]) + (uint32_t)out_offset);
		int32_t v1 = (int32_t)((uint32_t)ztflm_dsp_rq(acc[c + 1u], &q[c + 1u]) +
				       (uint32_t)out_offset);

		v0 = v0 < lo ? lo : v0;
		v1 = v1 < lo ? lo : v1;
		out[c] = (int8_t)(v0 > hi ? hi : v0);
		out[c + 1u] = (int8_t)(v1 > hi ? hi : v1);
	}
	if (c < n) {
		int32_t v = (int32_t)((uint32_t)ztflm_dsp_rq(acc[c], &q[c]) + (uint32_t)out_offset);

		v = v < lo ? lo : v;
		out[c] = (int8_t)(v > hi ? hi : v);
	}
}

#endif /* ZTFLM_KERNELS_ARM_DSP_DSP_H_ */
