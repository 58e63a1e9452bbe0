/* The Signal library's FFTs in int16_t fixed point (reference/fft_impl.h). */
#define FFT_T int16_t
#define FFT_CPX struct ztflm_cpx_s16
#define FFT_FN(name) name##_s16
#define FFT_FIXED 1
#define FFT_P int32_t
#define FFT_FRAC 15
#define FFT_MAX 32767
#include "reference/fft_impl.h"
