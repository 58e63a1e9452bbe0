/*
 * The body of the Signal library's FFTs, once for the three types: reference/fft_s16.c,
 * fft_s32.c and fft_f32.c define the macros below and include it. The arithmetic is
 * kiss_fft 1.3.0's as TFLM compiles it, operation for operation, so the bits are TFLM's:
 *   FFT_T, FFT_CPX  the scalar and its complex struct
 *   FFT_FN(name)    name with the type's suffix
 *   FFT_FIXED       1 for the fixed-point types, whose values are scaled down at each stage
 *   FFT_P, FFT_FRAC, FFT_MAX  (fixed point) product type, fraction bits, largest sample
 */
#include <stdint.h>

#include "common/trig.h"
#include "ops/fft.h"

#if FFT_FIXED
/*
 * kiss_fft's C computes on its scalars in int (32 bits on every target here), wrapping
 * where int32 sums overflow, and stores the results back as FFT_T (truncating int16): the
 * same, without the overflow that C leaves undefined.
 */
#define ADD(a, b) ((int32_t)((uint32_t)(a) + (uint32_t)(b)))
#define SUB(a, b) ((int32_t)((uint32_t)(a) - (uint32_t)(b)))
#define NEG(a) ((int32_t)(0u - (uint32_t)(a)))
#define NEG_MUL(a) NEG(a)
#define HALF(x) ((x) >> 1)
/* Products rounded to nearest, ties up: sround(smul(a, b)). */
#define SROUND(x) ((FFT_T)(((x) + ((FFT_P)1 << (FFT_FRAC - 1))) >> FFT_FRAC))
#define S_MUL(a, b) SROUND((FFT_P)(a) * (b))
#define MUL_RE(a, b) SROUND((FFT_P)(a).r * (b).r - (FFT_P)(a).i * (b).i)
#define MUL_IM(a, b) SROUND((FFT_P)(a).r * (b).i + (FFT_P)(a).i * (b).r)
#define FIXDIV(c, k)                                                                               \
	do {                                                                                       \
		(c).r = S_MUL((c).r, FFT_MAX / (k));                                               \
		(c).i = S_MUL((c).i, FFT_MAX / (k));                                               \
	} while (0)
/* kiss_fft's twiddle: floor(.5 + FFT_MAX * cos(phase)), the floor of a value below 2^32. */
static double twiddle_map(double v)
{
	const double x = 0.5 + FFT_MAX * v;
	const double t = (double)(int64_t)x;

	return t > x ? t - 1.0 : t;
}
#else
#define ADD(a, b) ((a) + (b))
#define SUB(a, b) ((a) - (b))
#define NEG(a) (-(a))
/* x *= -1, which keeps a NaN's sign where negation would flip it. */
#define NEG_MUL(a) ((a) * -1.0f)
/* TFLM's patch multiplies in float, not double. */
#define HALF(x) ((x) * 0.5f)
#define S_MUL(a, b) ((a) * (b))
#define MUL_RE(a, b) ((a).r * (b).r - (a).i * (b).i)
#define MUL_IM(a, b) ((a).r * (b).i + (a).i * (b).r)
#define FIXDIV(c, k) ((void)(k))
/* kiss_fft's twiddle: (float)cos(phase). */
static double twiddle_map(double v)
{
	return (double)(float)v;
}
#endif
#define TO(x) ((FFT_T)(x))

static inline void cpx_add(FFT_CPX *res, const FFT_CPX *a, const FFT_CPX *b)
{
	res->r = TO(ADD(a->r, b->r));
	res->i = TO(ADD(a->i, b->i));
}

static inline void cpx_sub(FFT_CPX *res, const FFT_CPX *a, const FFT_CPX *b)
{
	res->r = TO(SUB(a->r, b->r));
	res->i = TO(SUB(a->i, b->i));
}

static inline void cpx_mul(FFT_CPX *res, const FFT_CPX *a, const FFT_CPX *b)
{
	res->r = MUL_RE(*a, *b);
	res->i = MUL_IM(*a, *b);
}

static void bfly2(FFT_CPX *out, uint32_t fstride, const FFT_CPX *tw, uint32_t m)
{
	FFT_CPX *out2 = out + m;
	FFT_CPX t;

	for (uint32_t k = 0; k < m; k++, out++, out2++, tw += fstride) {
		FIXDIV(*out, 2);
		FIXDIV(*out2, 2);
		cpx_mul(&t, out2, tw);
		cpx_sub(out2, out, &t);
		cpx_add(out, out, &t);
	}
}

static void bfly4(FFT_CPX *out, uint32_t fstride, const FFT_CPX *tw, uint32_t m, bool inverse)
{
	FFT_CPX s[6];

	for (uint32_t k = 0; k < m; k++, out++) {
		FIXDIV(out[0], 4);
		FIXDIV(out[m], 4);
		FIXDIV(out[2 * m], 4);
		FIXDIV(out[3 * m], 4);
		cpx_mul(&s[0], &out[m], &tw[k * fstride]);
		cpx_mul(&s[1], &out[2 * m], &tw[2 * k * fstride]);
		cpx_mul(&s[2], &out[3 * m], &tw[3 * k * fstride]);
		cpx_sub(&s[5], &out[0], &s[1]);
		cpx_add(&out[0], &out[0], &s[1]);
		cpx_add(&s[3], &s[0], &s[2]);
		cpx_sub(&s[4], &s[0], &s[2]);
		cpx_sub(&out[2 * m], &out[0], &s[3]);
		cpx_add(&out[0], &out[0], &s[3]);
		if (inverse) {
			out[m].r = TO(SUB(s[5].r, s[4].i));
			out[m].i = TO(ADD(s[5].i, s[4].r));
			out[3 * m].r = TO(ADD(s[5].r, s[4].i));
			out[3 * m].i = TO(SUB(s[5].i, s[4].r));
		} else {
			out[m].r = TO(ADD(s[5].r, s[4].i));
			out[m].i = TO(SUB(s[5].i, s[4].r));
			out[3 * m].r = TO(SUB(s[5].r, s[4].i));
			out[3 * m].i = TO(ADD(s[5].i, s[4].r));
		}
	}
}

static void bfly3(FFT_CPX *out, uint32_t fstride, const FFT_CPX *tw, uint32_t m)
{
	const FFT_CPX epi3 = tw[fstride * m];
	FFT_CPX s[4];

	for (uint32_t k = 0; k < m; k++, out++) {
		FIXDIV(out[0], 3);
		FIXDIV(out[m], 3);
		FIXDIV(out[2 * m], 3);
		cpx_mul(&s[1], &out[m], &tw[k * fstride]);
		cpx_mul(&s[2], &out[2 * m], &tw[2 * k * fstride]);
		cpx_add(&s[3], &s[1], &s[2]);
		cpx_sub(&s[0], &s[1], &s[2]);
		out[m].r = TO(SUB(out[0].r, HALF(s[3].r)));
		out[m].i = TO(SUB(out[0].i, HALF(s[3].i)));
		s[0].r = TO(S_MUL(s[0].r, epi3.i));
		s[0].i = TO(S_MUL(s[0].i, epi3.i));
		cpx_add(&out[0], &out[0], &s[3]);
		out[2 * m].r = TO(ADD(out[m].r, s[0].i));
		out[2 * m].i = TO(SUB(out[m].i, s[0].r));
		out[m].r = TO(SUB(out[m].r, s[0].i));
		out[m].i = TO(ADD(out[m].i, s[0].r));
	}
}

static void bfly5(FFT_CPX *out, uint32_t fstride, const FFT_CPX *tw, uint32_t m)
{
	const FFT_CPX ya = tw[fstride * m];
	const FFT_CPX yb = tw[fstride * 2 * m];
	FFT_CPX *f0 = out;
	FFT_CPX *f1 = out + m;
	FFT_CPX *f2 = out + 2 * m;
	FFT_CPX *f3 = out + 3 * m;
	FFT_CPX *f4 = out + 4 * m;
	FFT_CPX s[13];

	for (uint32_t u = 0; u < m; u++, f0++, f1++, f2++, f3++, f4++) {
		FIXDIV(*f0, 5);
		FIXDIV(*f1, 5);
		FIXDIV(*f2, 5);
		FIXDIV(*f3, 5);
		FIXDIV(*f4, 5);
		s[0] = *f0;
		cpx_mul(&s[1], f1, &tw[u * fstride]);
		cpx_mul(&s[2], f2, &tw[2 * u * fstride]);
		cpx_mul(&s[3], f3, &tw[3 * u * fstride]);
		cpx_mul(&s[4], f4, &tw[4 * u * fstride]);
		cpx_add(&s[7], &s[1], &s[4]);
		cpx_sub(&s[10], &s[1], &s[4]);
		cpx_add(&s[8], &s[2], &s[3]);
		cpx_sub(&s[9], &s[2], &s[3]);
		f0->r = TO(ADD(f0->r, ADD(s[7].r, s[8].r)));
		f0->i = TO(ADD(f0->i, ADD(s[7].i, s[8].i)));
		s[5].r = TO(ADD(ADD(s[0].r, S_MUL(s[7].r, ya.r)), S_MUL(s[8].r, yb.r)));
		s[5].i = TO(ADD(ADD(s[0].i, S_MUL(s[7].i, ya.r)), S_MUL(s[8].i, yb.r)));
		s[6].r = TO(ADD(S_MUL(s[10].i, ya.i), S_MUL(s[9].i, yb.i)));
		s[6].i = TO(SUB(NEG(S_MUL(s[10].r, ya.i)), S_MUL(s[9].r, yb.i)));
		cpx_sub(f1, &s[5], &s[6]);
		cpx_add(f4, &s[5], &s[6]);
		s[11].r = TO(ADD(ADD(s[0].r, S_MUL(s[7].r, yb.r)), S_MUL(s[8].r, ya.r)));
		s[11].i = TO(ADD(ADD(s[0].i, S_MUL(s[7].i, yb.r)), S_MUL(s[8].i, ya.r)));
		s[12].r = TO(ADD(NEG(S_MUL(s[10].i, yb.i)), S_MUL(s[9].i, ya.i)));
		s[12].i = TO(SUB(S_MUL(s[10].r, yb.i), S_MUL(s[9].r, ya.i)));
		cpx_add(f2, &s[11], &s[12]);
		cpx_sub(f3, &s[11], &s[12]);
	}
}

/* The FFT of len points of in (every fstride-th) into out, from stage on (kf_work). */
static void work(const struct ztflm_fft *fft, const FFT_CPX *tw, FFT_CPX *out, const FFT_CPX *in,
		 uint32_t fstride, uint32_t stage, uint32_t len)
{
	const uint32_t p = fft->radix[stage];
	const uint32_t m = len / p;

	for (uint32_t k = 0; k < p; k++) {
		if (m == 1u) {
			out[k] = in[k * fstride];
		} else {
			work(fft, tw, out + k * m, in + k * fstride, fstride * p, stage + 1u, m);
		}
	}
	switch (p) {
	case 2:
		bfly2(out, fstride, tw, m);
		break;
	case 3:
		bfly3(out, fstride, tw, m);
		break;
	case 4:
		bfly4(out, fstride, tw, m, fft->inverse);
		break;
	default:
		bfly5(out, fstride, tw, m);
		break;
	}
}

/* cos and sin of a phase, mapped as kiss_fft does, to the bit (common/trig.h). */
static void twiddle(FFT_CPX *tw, double phase)
{
	tw->r = (FFT_T)ztflm_trig(phase, false, twiddle_map);
	tw->i = (FFT_T)ztflm_trig(phase, true, twiddle_map);
}

void FFT_FN(ztflm_fft_twiddles)(const struct ztflm_fft *fft, FFT_CPX *tw)
{
	/* kiss_fft's phases, in double, operation for operation. */
	const double pi = 3.14159265358979323846264338327950288;
	const uint32_t n = fft->n;

	for (uint32_t i = 0; i < n; i++) {
		double phase = -2 * pi * (double)i / (double)n;

		if (fft->inverse) {
			phase *= -1;
		}
		twiddle(&tw[i], phase);
	}
	for (uint32_t i = 0; i < n / 2u; i++) {
		double phase = -pi * ((double)(i + 1u) / (double)n + .5);

		if (fft->inverse) {
			phase *= -1;
		}
		twiddle(&tw[n + i], phase);
	}
}

void FFT_FN(ztflm_rfft)(const struct ztflm_fft *fft, const FFT_CPX *tw, const FFT_T *in,
			FFT_CPX *tmp, FFT_CPX *out)
{
	const uint32_t n = fft->n;
	const FFT_CPX *super = tw + n;
	FFT_CPX dc = {0};
	FFT_CPX fpk;
	FFT_CPX fpnk;
	FFT_CPX f1k;
	FFT_CPX f2k;
	FFT_CPX t;

	/* Two real signals packed as one complex one (kiss_fftr), then split. */
	work(fft, tw, tmp, (const FFT_CPX *)(const void *)in, 1, 0, n);
	dc = tmp[0];
	FIXDIV(dc, 2);
	out[0].r = TO(ADD(dc.r, dc.i));
	out[n].r = TO(SUB(dc.r, dc.i));
	out[n].i = out[0].i = 0;
	for (uint32_t k = 1; k <= n / 2u; k++) {
		fpk = tmp[k];
		fpnk.r = tmp[n - k].r;
		fpnk.i = TO(NEG(tmp[n - k].i));
		FIXDIV(fpk, 2);
		FIXDIV(fpnk, 2);
		cpx_add(&f1k, &fpk, &fpnk);
		cpx_sub(&f2k, &fpk, &fpnk);
		cpx_mul(&t, &f2k, &super[k - 1u]);
		/* For k = n / 2 both halves are one bin: the second write stays, as in kiss. */
		out[k].r = TO(HALF(ADD(f1k.r, t.r)));
		out[k].i = TO(HALF(ADD(f1k.i, t.i)));
		out[n - k].r = TO(HALF(SUB(f1k.r, t.r)));
		out[n - k].i = TO(HALF(SUB(t.i, f1k.i)));
	}
}

void FFT_FN(ztflm_irfft)(const struct ztflm_fft *fft, const FFT_CPX *tw, const FFT_CPX *in,
			 FFT_CPX *tmp, FFT_T *out)
{
	const uint32_t n = fft->n;
	const FFT_CPX *super = tw + n;
	FFT_CPX fk;
	FFT_CPX fnkc;
	FFT_CPX fek;
	FFT_CPX fok;
	FFT_CPX d;

	tmp[0].r = TO(ADD(in[0].r, in[n].r));
	tmp[0].i = TO(SUB(in[0].r, in[n].r));
	FIXDIV(tmp[0], 2);
	for (uint32_t k = 1; k <= n / 2u; k++) {
		fk = in[k];
		fnkc.r = in[n - k].r;
		fnkc.i = TO(NEG(in[n - k].i));
		FIXDIV(fk, 2);
		FIXDIV(fnkc, 2);
		cpx_add(&fek, &fk, &fnkc);
		cpx_sub(&d, &fk, &fnkc);
		cpx_mul(&fok, &d, &super[k - 1u]);
		cpx_add(&tmp[k], &fek, &fok);
		cpx_sub(&tmp[n - k], &fek, &fok);
		tmp[n - k].i = TO(NEG_MUL(tmp[n - k].i));
	}
	work(fft, tw, (FFT_CPX *)(void *)out, tmp, 1, 0, n);
#if !FFT_FIXED
	/* TFLM's float wrapper divides by the length kiss_fft leaves in. */
	for (uint32_t i = 0; i < 2u * n; i++) {
		out[i] /= (float)(2u * n);
	}
#endif
}
