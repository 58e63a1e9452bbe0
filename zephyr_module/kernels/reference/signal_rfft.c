/* SignalRfft and SignalIrfft, reference variants: one FFT per row (ops/fft.h). */
#include <string.h>

#include "common/size.h"
#include "ops/fft.h"

/*
 * The forward variant of one type: each input row copied into scratch and zero-padded to
 * fft_length, transformed through n complex points of scratch into the output row.
 */
#define RFFT_VARIANT(id, type, T, CPX, rfft)                                                       \
	static uint32_t id##_scratch(const void *params)                                           \
	{                                                                                          \
		const struct ztflm_rfft_params *p = params;                                        \
		return ztflm_size_mul(2u * (uint32_t)sizeof(T), p->fft_length);                                   \
	}                                                                                          \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_rfft_params *p = params;                                        \
		const T *in = ztflm_input_data(ctx, 0);                                            \
		T *out = ztflm_output_data(ctx, 0);                                                \
		T *work = ztflm_op_scratch(ctx);                                                   \
		CPX *tmp = (CPX *)(void *)(work + p->fft_length);                                  \
                                                                                                   \
		for (uint32_t r = 0; r < p->rows; r++) {                                           \
			memcpy(work, in + r * p->in_len, p->in_len * sizeof(T));                   \
			memset(work + p->in_len, 0, (p->fft_length - p->in_len) * sizeof(T));      \
			rfft(&p->fft, ztflm_rfft_twiddles(p), work, tmp,                           \
			     (CPX *)(void *)(out + r * p->out_len));                               \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, id##_scratch)

/* The inverse of one type: each row of n + 1 bins through n complex points of scratch. */
#define IRFFT_VARIANT(id, type, T, CPX, irfft)                                                     \
	static uint32_t id##_scratch(const void *params)                                           \
	{                                                                                          \
		const struct ztflm_rfft_params *p = params;                                        \
		return ztflm_size_mul((uint32_t)sizeof(T), p->fft_length);                                        \
	}                                                                                          \
	static int id##_eval(struct ztflm_context *ctx, const void *params)                        \
	{                                                                                          \
		const struct ztflm_rfft_params *p = params;                                        \
		const T *in = ztflm_input_data(ctx, 0);                                            \
		T *out = ztflm_output_data(ctx, 0);                                                \
                                                                                                   \
		for (uint32_t r = 0; r < p->rows; r++) {                                           \
			irfft(&p->fft, ztflm_rfft_twiddles(p),                                     \
			      (const CPX *)(const void *)(in + r * p->in_len),                     \
			      ztflm_op_scratch(ctx), out + r * p->out_len);                        \
		}                                                                                  \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(id, type, type, id##_eval, NULL, id##_scratch)

RFFT_VARIANT(signal_rfft_s16_ref, ZTFLM_INT16, int16_t, struct ztflm_cpx_s16, ztflm_rfft_s16);
RFFT_VARIANT(signal_rfft_s32_ref, ZTFLM_INT32, int32_t, struct ztflm_cpx_s32, ztflm_rfft_s32);
RFFT_VARIANT(signal_rfft_f32_ref, ZTFLM_FLOAT32, float, struct ztflm_cpx_f32, ztflm_rfft_f32);
IRFFT_VARIANT(signal_irfft_s16_ref, ZTFLM_INT16, int16_t, struct ztflm_cpx_s16, ztflm_irfft_s16);
IRFFT_VARIANT(signal_irfft_s32_ref, ZTFLM_INT32, int32_t, struct ztflm_cpx_s32, ztflm_irfft_s32);
IRFFT_VARIANT(signal_irfft_f32_ref, ZTFLM_FLOAT32, float, struct ztflm_cpx_f32, ztflm_irfft_f32);
