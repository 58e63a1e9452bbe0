/* expf with the bits of glibc's expf (x86-64), on every target, soft-float or not. */
#ifndef ZTFLM_KERNELS_EXPF_H_
#define ZTFLM_KERNELS_EXPF_H_

/**
 * e^x rounded as glibc 2.36's expf on x86-64 rounds it (the Arm optimized-routines
 * algorithm, in the FMA build the oracle's machine dispatches to), for every float x:
 * tests/c/test_mathf.c checks all 2^32 inputs. NaN in, the same NaN quieted out; -inf: +0.
 * Needs IEEE double arithmetic rounded to double at every step (FLT_EVAL_METHOD 0: Cortex-M,
 * RISC-V, x86-64; not x87), hardware or soft-float; no fma() and no fma instruction.
 */
float ztflm_expf(float x);

/** TFLM's float logistic (reference_ops::Logistic): its cut-offs, then 1 / (1 + e^-x). */
static inline float ztflm_logistic_f32(float x)
{
	const float cutoff_upper = 16.619047164916992188f;
	const float cutoff_lower = -9.0f;

	if (x > cutoff_upper) {
		return 1.0f;
	}
	if (x < cutoff_lower) {
		return ztflm_expf(x);
	}
	return 1.0f / (1.0f + ztflm_expf(-x));
}

#endif /* ZTFLM_KERNELS_EXPF_H_ */
