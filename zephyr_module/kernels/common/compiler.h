/* Compiler hints the kernels use; each is empty on a compiler without it. */
#ifndef ZTFLM_KERNELS_COMMON_COMPILER_H_
#define ZTFLM_KERNELS_COMMON_COMPILER_H_

#if defined(__GNUC__) || defined(__clang__)
/** Keeps a function out of line where inlining it into a loop nest costs registers. */
#define ZTFLM_NOINLINE __attribute__((noinline))
#else
#define ZTFLM_NOINLINE
#endif

#endif /* ZTFLM_KERNELS_COMMON_COMPILER_H_ */
