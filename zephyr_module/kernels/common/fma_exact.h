/* a * b + c rounded once, as an fma instruction rounds it, in plain double arithmetic. */
#ifndef ZTFLM_KERNELS_COMMON_FMA_EXACT_H_
#define ZTFLM_KERNELS_COMMON_FMA_EXACT_H_

#ifndef ZTFLM_FMA_PLAIN
#define ZTFLM_FMA_PLAIN 0
#endif

static inline double ztflm_fma_exact(double a, double b, double c)
{
#if ZTFLM_FMA_PLAIN
	return a * b + c;
#else
	/* Dekker's product: a * b = p + e exactly (Veltkamp's split into 26-bit halves). */
	const double split = 0x1p27 + 1.0;
	const double ta = a * split;
	const double tb = b * split;
	const double ah = ta - (ta - a);
	const double al = a - ah;
	const double bh = tb - (tb - b);
	const double bl = b - bh;
	const double p = a * b;
	const double e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
	/* Knuth's sum: p + c = s + t exactly. */
	const double s = p + c;
	const double v = s - p;
	const double t = (p - (s - v)) + (c - v);

	return s + (t + e);
#endif
}

#endif /* ZTFLM_KERNELS_COMMON_FMA_EXACT_H_ */
