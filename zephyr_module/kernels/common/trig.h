/*
 * Sine and cosine for the FFT twiddle factors, without the C library: TFLM computes its
 * twiddles with the host libm's cos and sin (glibc's, correctly rounded), and a target's libm
 * may round otherwise (RV32's differs from it in the last bit of int32 twiddles). These give
 * the correctly rounded value wherever the caller's rounding of it could tell the difference.
 */
#ifndef ZTFLM_KERNELS_COMMON_TRIG_H_
#define ZTFLM_KERNELS_COMMON_TRIG_H_

#include <stdbool.h>

/**
 * map(cos x), or map(sin x) when sine, for |x| <= 8: map is monotonic (a twiddle's
 * conversion: floor(0.5 + 32767 v), (float)v), and is given the correctly rounded double.
 * A fast approximation answers when map is the same across its error bound; a double-double
 * evaluation otherwise.
 */
double ztflm_trig(double x, bool sine, double (*map)(double v));

/** The correctly rounded cos x or sin x itself (the double-double evaluation), |x| <= 8. */
double ztflm_trig_exact(double x, bool sine);

#endif /* ZTFLM_KERNELS_COMMON_TRIG_H_ */
