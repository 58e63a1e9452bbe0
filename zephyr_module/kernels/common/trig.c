/* Sine and cosine for the FFT twiddle factors, correctly rounded, without libm (trig.h). */
#include <stdint.h>

#include "common/trig.h"

/* pi / 2 in four parts, the first three of 33 bits: k * part is exact for |k| < 2^20. */
static const double PIO2_1 = 0x1.921fb544p+0;
static const double PIO2_2 = 0x1.0b4611a6p-34;
static const double PIO2_3 = 0x1.3198a2ep-69;
static const double PIO2_4 = 0x1.b839a252049c1p-104;
static const double TWO_OVER_PI = 0x1.45f306dc9c883p-1;

/* A double-double: hi + lo, |lo| at most half an ulp of hi. */
struct dd {
	double hi;
	double lo;
};

static struct dd two_sum(double a, double b)
{
	const double s = a + b;
	const double bb = s - a;

	return (struct dd){s, (a - (s - bb)) + (b - bb)};
}

static struct dd fast_two_sum(double a, double b)
{
	const double s = a + b;

	return (struct dd){s, b - (s - a)};
}

/* a * b exactly as hi + lo (Dekker: no fused multiply-add, which the build turns off). */
static struct dd two_prod(double a, double b)
{
	const double p = a * b;
	const double ca = 134217729.0 * a;
	const double cb = 134217729.0 * b;
	const double ah = ca - (ca - a);
	const double bh = cb - (cb - b);
	const double al = a - ah;
	const double bl = b - bh;

	return (struct dd){p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}

static struct dd dd_add(struct dd a, struct dd b)
{
	struct dd s = two_sum(a.hi, b.hi);
	const struct dd t = two_sum(a.lo, b.lo);

	s = fast_two_sum(s.hi, s.lo + t.hi);
	return fast_two_sum(s.hi, s.lo + t.lo);
}

static struct dd dd_mul(struct dd a, struct dd b)
{
	const struct dd p = two_prod(a.hi, b.hi);

	return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

static struct dd dd_div(struct dd a, double b)
{
	const double q = a.hi / b;
	const struct dd p = two_prod(q, b);
	const struct dd r = dd_add(a, (struct dd){-p.hi, -p.lo});

	return fast_two_sum(q, r.hi / b);
}

/* The quarter turn nearest x (x / (pi / 2), rounded). */
static int32_t quadrant(double x)
{
	const double k = x * TWO_OVER_PI;

	return (int32_t)(k >= 0.0 ? k + 0.5 : k - 0.5);
}

/* Sum of the series sign_k * r^k / k! from term, k stepping by 2, in double-double. */
static struct dd series(struct dd term, struct dd r2, int32_t k)
{
	struct dd sum = term;

	for (; term.hi != 0.0 && (term.hi < 0 ? -term.hi : term.hi) > 0x1p-112; k += 2) {
		term = dd_div(dd_mul(term, r2), -(double)((k + 1) * (k + 2)));
		sum = dd_add(sum, term);
	}
	return sum;
}

double ztflm_trig_exact(double x, bool sine)
{
	if (x == 0.0) {
		return sine ? x : 1.0; /* sin(-0.0) is -0.0 */
	}
	const int32_t k = quadrant(x);
	const double kd = (double)k;
	/* x - k pi / 2, accurate far below an ulp of the smallest such remainder of |x| <= 8. */
	struct dd r = two_sum(x, -kd * PIO2_1);

	r = dd_add(r, (struct dd){-kd * PIO2_2, 0.0});
	r = dd_add(r, (struct dd){-kd * PIO2_3, 0.0});
	const struct dd tail = two_prod(kd, PIO2_4);

	r = dd_add(r, (struct dd){-tail.hi, -tail.lo});
	const struct dd r2 = dd_mul(r, r);
	/* sin or cos of the remainder, by the quarter turn. */
	const bool use_sin = sine == ((k & 1) == 0);
	const struct dd v = use_sin ? series(r, r2, 1) : series((struct dd){1.0, 0.0}, r2, 0);
	const bool negate = sine ? (k & 2) != 0 : ((k + 1) & 2) != 0;

	return negate ? -(v.hi + v.lo) : v.hi + v.lo;
}

/* 1 / n! for n = 0 to 19: the factorials are exact doubles, each quotient rounded once. */
static const double INV_FACT[20] = {
	1.0, 1.0, 1.0 / 2.0, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0, 1.0 / 720.0, 1.0 / 5040.0,
	1.0 / 40320.0, 1.0 / 362880.0, 1.0 / 3628800.0, 1.0 / 39916800.0, 1.0 / 479001600.0,
	1.0 / 6227020800.0, 1.0 / 87178291200.0, 1.0 / 1307674368000.0,
	1.0 / 20922789888000.0, 1.0 / 355687428096000.0, 1.0 / 6402373705728000.0,
	1.0 / 121645100408832000.0,
};

/* sin r (use_sin) or cos r for |r| <= pi / 4 + a little, a few ulps off: Taylor to r^19. */
static double fast_series(double r, bool use_sin)
{
	const double r2 = r * r;
	const int32_t first = use_sin ? 19 : 18;
	double p = 0.0;

	/* Horner from the last term: the sign of r^n / n! alternates from + at n = 0, 1. */
	for (int32_t n = first; n >= 2; n -= 2) {
		p = p * r2 + ((n / 2) % 2 ? -INV_FACT[n] : INV_FACT[n]);
	}
	return use_sin ? r + r * r2 * p : 1.0 + r2 * p;
}

double ztflm_trig(double x, bool sine, double (*map)(double v))
{
	if (x == 0.0) {
		return map(sine ? x : 1.0);
	}
	const int32_t k = quadrant(x);
	const double kd = (double)k;
	const double r = ((x - kd * PIO2_1) - kd * PIO2_2) - kd * PIO2_3;
	double a = fast_series(r, sine == ((k & 1) == 0));

	a = (sine ? (k & 2) != 0 : ((k + 1) & 2) != 0) ? -a : a;
	/* Far more than the approximation's error: the correctly rounded value lies between. */
	const double e = (a < 0 ? -a : a) * 0x1p-46 + 0x1p-60;
	const double lo = map(a - e);

	return lo == map(a + e) ? lo : map(ztflm_trig_exact(x, sine));
}
