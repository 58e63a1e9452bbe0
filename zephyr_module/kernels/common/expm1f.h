/* expm1f with the bits of glibc's expm1f (x86-64), on every target, soft-float or not. */
#ifndef ZTFLM_KERNELS_EXPM1F_H_
#define ZTFLM_KERNELS_EXPM1F_H_

/**
 * e^x - 1 rounded as glibc 2.36's expm1f on x86-64 rounds it (fdlibm's algorithm in float
 * arithmetic), for every float x: all 2^32 were checked, make test-c checks the negative ones
 * (ELU's) with tests/c/test_mathf.c. NaN in, the same NaN quieted out. Needs IEEE float
 * arithmetic rounded to float at every step (FLT_EVAL_METHOD 0), unfused (expm1f.c turns
 * contraction off for GCC, and for clang short of -ffp-contract=fast).
 */
float ztflm_expm1f(float x);

#endif /* ZTFLM_KERNELS_EXPM1F_H_ */
