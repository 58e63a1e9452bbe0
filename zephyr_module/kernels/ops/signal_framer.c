/*
 * SignalFramer: splits each row of int16 samples into frames of frame_size every frame_step,
 * across invokes: the samples not yet framed are state. Output 1 says whether every frame of
 * this invoke was complete (a frame that is not is zeros).
 */
#include "common/size.h"
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"frame_size", "frame_step", "prefill"};
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_signal_framer_params q = {0};
	struct ztflm_flex v[3];
	int32_t size = 0;
	int32_t step = 0;
	bool prefill = false;
	uint32_t last = 0;
	int rc = ztflm_signal_tensor(ctx, "output 1", &io->out[1], ZTFLM_BOOL, 0);

	(void)params;
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 3, v);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[0], keys[0], 1, INT32_MAX, &size);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[1], keys[1], 1, INT32_MAX, &step);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_bool(ctx, &v[2], keys[2], &prefill);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, in->dims_count >= 1 && out->dims_count == in->dims_count + 1,
		    ZTFLM_ERR_MODEL, "input rank %d needs an output of rank %d, not %d",
		    (int)in->dims_count, (int)in->dims_count + 1, (int)out->dims_count);
	ztflm_signal_rows(in, &q.rows, &last);
	ZTFLM_CHECK(ctx, last >= (uint32_t)step && last % (uint32_t)step == 0, ZTFLM_ERR_MODEL,
		    "innermost dimension %u is not a multiple of frame_step %d", last, (int)step);
	/* A prefill of frame_size - frame_step zeros: TFLM writes a huge count when negative. */
	ZTFLM_CHECK(ctx, !prefill || size >= step, ZTFLM_ERR_MODEL,
		    "prefill needs frame_size %d at least frame_step %d", (int)size, (int)step);
	q.frames = last / (uint32_t)step;
	q.frame_size = (uint32_t)size;
	q.frame_step = (uint32_t)step;
	for (int32_t i = 0; i + 1 < in->dims_count; i++) {
		ZTFLM_CHECK(ctx, out->dims[i] == in->dims[i], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, input's %d", (int)i, (int)out->dims[i],
			    (int)in->dims[i]);
	}
	ZTFLM_CHECK(ctx,
		    (uint32_t)out->dims[in->dims_count - 1] == q.frames &&
			    out->dims[in->dims_count] == size,
		    ZTFLM_ERR_MODEL, "output's last dimensions are %d and %d, not %u frames of %d",
		    (int)out->dims[in->dims_count - 1], (int)out->dims[in->dims_count],
		    q.frames, (int)size);
	q.capacity = (q.frame_size + q.frame_step - 1u) / q.frame_step * q.frame_step;
	q.prefill = prefill ? q.frame_size - q.frame_step : 0u;
	/* Per row: its count and its samples. */
	const uint32_t row = ztflm_size_add(4u, ztflm_signal_row_bytes(q.capacity, 2u));
	const uint32_t bytes = ztflm_size_add(sizeof(q), ztflm_size_mul(q.rows, row));

	ZTFLM_CHECK(ctx, bytes <= ZTFLM_SIGNAL_MAX_STATE, ZTFLM_ERR_MODEL,
		    "state of %u rows of %u samples is too large", q.rows, q.capacity);
	struct ztflm_signal_framer_params *p = ztflm_alloc_op_data(ctx, bytes);

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_framer_s16_ref,
};

const struct ztflm_op ztflm_op_signal_framer = {
	ZTFLM_OP_STATEFUL(ztflm_signal_framer_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalFramer",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 2,
	.outputs_max = 2,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
