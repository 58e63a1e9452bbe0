/* logf with the bits of glibc's logf (x86-64), on every target, soft-float or not. */
#ifndef ZTFLM_KERNELS_LOGF_H_
#define ZTFLM_KERNELS_LOGF_H_

/**
 * The natural logarithm rounded as glibc 2.36's logf on x86-64 rounds it (the Arm
 * optimized-routines algorithm, in the FMA build the oracle's machine dispatches to), for
 * every float x: all 2^32 were checked, make test-c checks those from 1 up (LOG_SOFTMAX's
 * sums) with tests/c/test_mathf.c. +-0: -inf; below 0: NaN; NaN in, the same NaN quieted
 * out. Needs IEEE double arithmetic rounded to double at every step (FLT_EVAL_METHOD 0),
 * fused or not.
 */
float ztflm_logf(float x);

#endif /* ZTFLM_KERNELS_LOGF_H_ */
