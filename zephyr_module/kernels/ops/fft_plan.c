/* The stages of the Signal library's FFTs, as kiss_fft factors their length (ops/fft.h). */
#include "ops/fft.h"

/* floor(sqrt(n)), exactly (kiss_fft takes floor(sqrt((double)n)), exact for these sizes). */
static uint32_t isqrt(uint32_t n)
{
	uint32_t r = 0;

	while ((uint64_t)(r + 1u) * (r + 1u) <= n) {
		r++;
	}
	return r;
}

int ztflm_fft_plan(struct ztflm_context *ctx, int32_t fft_length, bool inverse,
		   struct ztflm_fft *fft)
{
	ZTFLM_CHECK(ctx, fft_length >= 2 && fft_length % 2 == 0, ZTFLM_ERR_MODEL,
		    "fft_length %d is not an even number of 2 or more", (int)fft_length);
	uint32_t n = (uint32_t)fft_length / 2u;
	const uint32_t root = isqrt(n);
	uint32_t p = 4;

	fft->n = n;
	fft->inverse = inverse;
	fft->stages = 0;
	/* kiss_fft: powers of 4, then of 2, then odd numbers up to sqrt(n), then what is left. */
	do {
		while (n % p) {
			p = p == 4u ? 2u : p == 2u ? 3u : p + 2u;
			if (p > root) {
				p = n;
			}
		}
		/* 1 is the factor of fft_length 2: kiss_fft's generic stage too. */
		ZTFLM_CHECK(ctx, p >= 2u && p <= 5u && fft->stages < ZTFLM_FFT_MAX_STAGES,
			    ZTFLM_ERR_UNSUPPORTED,
			    "fft_length %d needs a radix-%u stage: TFLM's FFT runs 2 to 5 only",
			    (int)fft_length, p);
		n /= p;
		fft->radix[fft->stages++] = (uint8_t)p;
	} while (n > 1u);
	return ZTFLM_OK;
}
