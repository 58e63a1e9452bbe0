/* Compiler hints the runtime uses; each is empty on a compiler without it. */
#ifndef ZTFLM_COMPILER_H_
#define ZTFLM_COMPILER_H_

#if defined(__GNUC__) || defined(__clang__)
/**
 * Code that runs while a model is loaded and planned (init, verify, allocate, an operator's
 * prepare), never during invoke: compiled for size, kept apart from the hot code.
 */
#define ZTFLM_COLD __attribute__((cold))
#else
#define ZTFLM_COLD
#endif

#endif /* ZTFLM_COMPILER_H_ */
