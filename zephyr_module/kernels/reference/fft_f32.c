/* The Signal library's FFTs in float32 (reference/fft_impl.h). */
#define FFT_T float
#define FFT_CPX struct ztflm_cpx_f32
#define FFT_FN(name) name##_f32
#define FFT_FIXED 0
#include "reference/fft_impl.h"
