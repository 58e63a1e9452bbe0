/* Compiler hints the kernels use; each is empty on a compiler without it. */
#ifndef ZTFLM_KERNELS_COMMON_COMPILER_H_
#define ZTFLM_KERNELS_COMMON_COMPILER_H_

#if defined(__GNUC__) || defined(__clang__)
/** Keeps a function out of line where inlining it into a loop nest costs registers. */
#define ZTFLM_NOINLINE __attribute__((noinline))
#else
#define ZTFLM_NOINLINE
#endif

/*
 * Out of line on Armv7-M (Cortex-M3, M4) only: GCC 12 at -O2 spills a loop nest's registers
 * there when the function joins it; on Armv8.1-M, RV32 and the host inlining is cheaper.
 */
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
#define ZTFLM_NOINLINE_ARMV7M ZTFLM_NOINLINE
#else
#define ZTFLM_NOINLINE_ARMV7M inline
#endif

#endif /* ZTFLM_KERNELS_COMMON_COMPILER_H_ */
