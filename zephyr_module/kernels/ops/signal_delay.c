/* SignalDelay: each row of int16 samples delayed by delay_length samples across invokes. */
#include "common/size.h"
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"delay_length"};
	const struct ztflm_tensor *in = &io->in[0];
	struct ztflm_signal_delay_params q = {0};
	struct ztflm_flex v[1];
	int32_t delay = 0;
	int rc = ztflm_options_exactly(ctx, keys, 1, v);

	(void)params;
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[0], keys[0], 0, INT32_MAX, &delay);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_same_size(ctx, "output", &io->out[0], "input", in);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM divides by the innermost dimension. */
	ZTFLM_CHECK(ctx, in->dims_count >= 1 && in->dims[in->dims_count - 1] > 0, ZTFLM_ERR_MODEL,
		    "input needs a rank of 1 or more and a nonzero innermost dimension");
	ztflm_signal_rows(in, &q.rows, &q.frame);
	q.delay = (uint32_t)delay;
	const uint32_t row = ztflm_signal_row_bytes(ztflm_size_add(q.delay, q.frame), 2u);
	const uint32_t bytes = ztflm_size_add(sizeof(q), ztflm_size_mul(q.rows, row));

	ZTFLM_CHECK(ctx, bytes <= ZTFLM_SIGNAL_MAX_STATE, ZTFLM_ERR_MODEL,
		    "state of %u rows delayed by %u is too large", q.rows, q.delay);
	struct ztflm_signal_delay_params *p = ztflm_alloc_op_data(ctx, bytes);

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_delay_s16_ref,
};

const struct ztflm_op ztflm_op_signal_delay = {
	ZTFLM_OP_STATEFUL(ztflm_signal_delay_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalDelay",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
