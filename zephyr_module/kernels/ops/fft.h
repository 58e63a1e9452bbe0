/*
 * The real FFTs of TFLM's Signal library (SignalRfft, SignalIrfft) in int16, int32 and
 * float32, computed as TFLM computes them: kiss_fft 1.3.0 with TFLM's patch (a real FFT of
 * fft_length points as a complex FFT of fft_length / 2, in stages of radix 4, 2, 3 and 5, the
 * fixed-point types scaled down at every stage), so every bit is the same.
 */
#ifndef ZTFLM_KERNELS_OPS_FFT_H_
#define ZTFLM_KERNELS_OPS_FFT_H_

#include <ztflm/op.h>

/* Stages of a complex FFT of fewer than 2^31 points: at most 31. */
#define ZTFLM_FFT_MAX_STAGES 32

struct ztflm_cpx_s16 {
	int16_t r;
	int16_t i;
};

struct ztflm_cpx_s32 {
	int32_t r;
	int32_t i;
};

struct ztflm_cpx_f32 {
	float r;
	float i;
};

/* A complex FFT of n points: the radix of each stage, outermost first (kiss_fft's order). */
struct ztflm_fft {
	uint32_t n;
	uint8_t radix[ZTFLM_FFT_MAX_STAGES];
	uint8_t stages;
	uint8_t inverse;
	uint8_t pad[2];
};

/*
 * SignalRfft and SignalIrfft: each row of fft_length real samples to fft_length / 2 + 1
 * complex bins, or back. The op data holds these parameters, then the twiddle factors of the
 * variant's complex type: n of the complex FFT, then n / 2 of the real split.
 */
struct ztflm_rfft_params {
	uint32_t fft_length;
	uint32_t rows;
	uint32_t in_len;      /**< elements of an input row */
	uint32_t out_len;     /**< elements of an output row */
	struct ztflm_fft fft;
};

/** The twiddle factors after the parameters. */
static inline void *ztflm_rfft_twiddles(const struct ztflm_rfft_params *p)
{
	return (uint8_t *)(uintptr_t)p + sizeof(*p);
}

/**
 * The stages of fft_length's complex FFT, as kiss_fft factors fft_length / 2. Refused:
 * an odd length (kiss_fftr returns no state, which TFLM then uses), and a length with a prime
 * factor above 5 (kiss_fft's generic stage allocates with malloc, which TFLM's patch turns
 * into a NULL it writes to).
 */
int ztflm_fft_plan(struct ztflm_context *ctx, int32_t fft_length, bool inverse,
		   struct ztflm_fft *fft);

/**
 * Checks a SignalRfft (inverse false) or SignalIrfft node, its options ('T', 'fft_length')
 * and shapes, and allocates its op data with the twiddles of the input's type.
 */
int ztflm_rfft_parse(struct ztflm_context *ctx, const struct ztflm_io *io, bool inverse);

/*
 * Per type: the twiddles (n + n / 2 entries), the forward real FFT of fft_length samples
 * (tmp: n complex of scratch; out: n + 1 bins), the inverse (in: n + 1 bins; out: fft_length
 * samples, scaled as TFLM scales them).
 */
void ztflm_fft_twiddles_s16(const struct ztflm_fft *fft, struct ztflm_cpx_s16 *tw);
void ztflm_rfft_s16(const struct ztflm_fft *fft, const struct ztflm_cpx_s16 *tw,
		    const int16_t *in, struct ztflm_cpx_s16 *tmp, struct ztflm_cpx_s16 *out);
void ztflm_irfft_s16(const struct ztflm_fft *fft, const struct ztflm_cpx_s16 *tw,
		     const struct ztflm_cpx_s16 *in, struct ztflm_cpx_s16 *tmp, int16_t *out);

void ztflm_fft_twiddles_s32(const struct ztflm_fft *fft, struct ztflm_cpx_s32 *tw);
void ztflm_rfft_s32(const struct ztflm_fft *fft, const struct ztflm_cpx_s32 *tw,
		    const int32_t *in, struct ztflm_cpx_s32 *tmp, struct ztflm_cpx_s32 *out);
void ztflm_irfft_s32(const struct ztflm_fft *fft, const struct ztflm_cpx_s32 *tw,
		     const struct ztflm_cpx_s32 *in, struct ztflm_cpx_s32 *tmp, int32_t *out);

void ztflm_fft_twiddles_f32(const struct ztflm_fft *fft, struct ztflm_cpx_f32 *tw);
void ztflm_rfft_f32(const struct ztflm_fft *fft, const struct ztflm_cpx_f32 *tw,
		    const float *in, struct ztflm_cpx_f32 *tmp, struct ztflm_cpx_f32 *out);
void ztflm_irfft_f32(const struct ztflm_fft *fft, const struct ztflm_cpx_f32 *tw,
		     const struct ztflm_cpx_f32 *in, struct ztflm_cpx_f32 *tmp, float *out);

extern const struct ztflm_variant ztflm_signal_rfft_s16_ref;
extern const struct ztflm_variant ztflm_signal_rfft_s32_ref;
extern const struct ztflm_variant ztflm_signal_rfft_f32_ref;
extern const struct ztflm_variant ztflm_signal_irfft_s16_ref;
extern const struct ztflm_variant ztflm_signal_irfft_s32_ref;
extern const struct ztflm_variant ztflm_signal_irfft_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_FFT_H_ */
