/* SignalFilterBankSquareRoot, reference variant. */
#include "ops/signal.h"
#include "reference/signal_math.h"

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_signal_filter_bank_square_root_params *p = params;
	const uint64_t *in = ztflm_input_data(ctx, 0);
	/* The shift comes from a tensor: TFLM's x86 build shifts by its low 5 bits (a shift of
	 * 32 or more, or negative, is undefined in C), and so does every target here. */
	const uint32_t shift = (uint32_t)*(const int32_t *)ztflm_input_data(ctx, 1) & 31u;
	uint32_t *out = ztflm_output_data(ctx, 0);

	for (uint32_t i = 0; i < p->size; i++) {
		out[i] = ztflm_sqrt64(in[i]) >> shift;
	}
	return ZTFLM_OK;
}

ZTFLM_VARIANT(signal_filter_bank_square_root_u64_ref, ZTFLM_UINT64, ZTFLM_UINT32, eval, NULL,
	      NULL);
