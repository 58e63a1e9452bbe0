/* What SignalRfft and SignalIrfft share: options, shapes, the FFT's plan and twiddles. */
#include "common/size.h"
#include "ops/fft.h"
#include "ops/signal.h"

/* Bytes of one complex value of a type the variants run. */
static uint32_t cpx_size(uint8_t type)
{
	return type == ZTFLM_INT16 ? 4u : 8u;
}

static void twiddles(uint8_t type, const struct ztflm_fft *fft, void *tw)
{
	if (type == ZTFLM_INT16) {
		ztflm_fft_twiddles_s16(fft, tw);
	} else if (type == ZTFLM_INT32) {
		ztflm_fft_twiddles_s32(fft, tw);
	} else {
		ztflm_fft_twiddles_f32(fft, tw);
	}
}

int ztflm_rfft_parse(struct ztflm_context *ctx, const struct ztflm_io *io, bool inverse)
{
	static const char *const keys[] = {"T", "fft_length"};
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_rfft_params q = {0};
	struct ztflm_flex v[2];
	int32_t length = 0;
	uint32_t out_rows = 0;
	int rc = ztflm_options_exactly(ctx, keys, 2, v);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_type_option(ctx, &v[0], in->type);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[1], keys[1], INT32_MIN, INT32_MAX, &length);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_fft_plan(ctx, length, inverse, &q.fft);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in->dims_count >= 1 && out->dims_count == in->dims_count, ZTFLM_ERR_MODEL,
		    "input and output need the same rank, at least 1 (%d and %d)",
		    (int)in->dims_count, (int)out->dims_count);
	q.fft_length = (uint32_t)length;
	ztflm_signal_rows(in, &q.rows, &q.in_len);
	ztflm_signal_rows(out, &out_rows, &q.out_len);
	/* The bins of a row: fft_length / 2 + 1 complex values, as pairs. */
	const uint32_t bins = q.fft_length + 2u;

	/* TFLM takes each row's length from the tensors and writes whole FFTs into them. */
	if (inverse) {
		ZTFLM_CHECK(ctx, q.in_len == bins && q.out_len == q.fft_length, ZTFLM_ERR_MODEL,
			    "rows of %u bins and %u samples, not %u and fft_length %u", q.in_len,
			    q.out_len, bins, q.fft_length);
	} else {
		ZTFLM_CHECK(ctx, q.in_len <= q.fft_length && q.out_len == bins, ZTFLM_ERR_MODEL,
			    "rows of %u samples and %u bins, not at most fft_length %u and %u",
			    q.in_len, q.out_len, q.fft_length, bins);
	}
	ZTFLM_CHECK(ctx, out_rows == q.rows, ZTFLM_ERR_MODEL, "%u input rows and %u output rows",
		    q.rows, out_rows);
	const uint32_t n = q.fft.n;
	const uint32_t bytes =
		ztflm_size_add(sizeof(q), ztflm_size_mul(n + n / 2u, cpx_size(in->type)));

	ZTFLM_CHECK(ctx, bytes <= ZTFLM_SIGNAL_MAX_STATE, ZTFLM_ERR_MODEL,
		    "fft_length %u needs too many twiddle factors", q.fft_length);
	struct ztflm_rfft_params *p = ztflm_alloc_op_data(ctx, bytes);

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	twiddles(in->type, &p->fft, ztflm_rfft_twiddles(p));
	return ZTFLM_OK;
}
