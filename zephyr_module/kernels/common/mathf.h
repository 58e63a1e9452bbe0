/*
 * Float functions with the bits TFLM's x86-64 build gets from glibc 2.36, on every target,
 * soft-float or not: computed on integers or in IEEE double (FLT_EVAL_METHOD 0, no fma), NaN
 * results included (x86 keeps a NaN operand's sign and payload and quiets it; its invalid
 * operations give the negative quiet NaN). tests/c/test_mathf.c checks them against the host
 * C library.
 */
#ifndef ZTFLM_KERNELS_COMMON_MATHF_H_
#define ZTFLM_KERNELS_COMMON_MATHF_H_

/** floorf, exact; a NaN comes back as it came, signalling or not. */
float ztflm_floorf(float x);

/** ceilf, exact; a NaN comes back as it came. */
float ztflm_ceilf(float x);

/**
 * roundf (halves away from zero), exact; a NaN comes back quieted. No soft-float addition:
 * an activation range on a core without an FPU links no float adder for it. An Armv8-M FPU
 * rounds so in one instruction (VRINTA): there it is the compiler's roundf.
 */
#if defined(__ARM_FP) && defined(__ARM_ARCH) && __ARM_ARCH >= 8 && (__ARM_FP & 4)
#define ZTFLM_ROUNDF_HW 1
static inline float ztflm_roundf(float x)
{
	return __builtin_roundf(x);
}
#else
float ztflm_roundf(float x);
#endif

/**
 * fmodf, exact: the remainder of x / y with x's sign; NaNs as the x87 fprem instruction
 * chooses them (TFLM's x86 build computes fmodf with it).
 */
float ztflm_fmodf(float x, float y);

/** sinf as glibc 2.36 rounds it on x86-64. */
float ztflm_sinf(float x);

/** cosf as glibc 2.36 rounds it on x86-64. */
float ztflm_cosf(float x);

/** tanhf as glibc 2.36 rounds it on x86-64 (fdlibm's, on ztflm_expm1f). */
float ztflm_tanhf(float x);

#endif /* ZTFLM_KERNELS_COMMON_MATHF_H_ */
