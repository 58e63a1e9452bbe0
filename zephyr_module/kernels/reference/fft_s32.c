/* The Signal library's FFTs in int32_t fixed point (reference/fft_impl.h). */
#define FFT_T int32_t
#define FFT_CPX struct ztflm_cpx_s32
#define FFT_FN(name) name##_s32
#define FFT_FIXED 1
#define FFT_P int64_t
#define FFT_FRAC 31
#define FFT_MAX 2147483647
#include "reference/fft_impl.h"
