/*
 * SignalOverlapAdd: frames of frame_size (int16 saturated, or float32) added frame_step
 * apart, frame_step samples out per frame; each row's sum not yet output is state.
 */
#include "common/size.h"
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"T", "frame_step"};
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_signal_overlap_add_params q = {0};
	struct ztflm_flex v[2];
	int32_t step = 0;
	const int32_t rank = in->dims_count;
	int rc = ztflm_options_exactly(ctx, keys, 2, v);

	(void)params;
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_type_option(ctx, &v[0], in->type);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[1], keys[1], 0, INT32_MAX, &step);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, rank >= 2 && out->dims_count == rank - 1, ZTFLM_ERR_MODEL,
		    "input of rank %d (at least 2) needs an output of rank %d, not %d", (int)rank,
		    (int)rank - 1, (int)out->dims_count);
	q.frame_size = (uint32_t)in->dims[rank - 1];
	q.frames = (uint32_t)in->dims[rank - 2];
	q.frame_step = (uint32_t)step;
	q.elem_size = ztflm_type_size(in->type);
	/* TFLM moves frame_size - frame_step samples of the sum back after each frame. */
	ZTFLM_CHECK(ctx, q.frame_step <= q.frame_size, ZTFLM_ERR_MODEL,
		    "frame_step %d is more than the frame's %u samples", (int)step, q.frame_size);
	q.rows = 1;
	for (int32_t i = 0; i + 2 < rank; i++) {
		ZTFLM_CHECK(ctx, out->dims[i] == in->dims[i], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, input's %d", (int)i, (int)out->dims[i],
			    (int)in->dims[i]);
		q.rows = ztflm_size_mul(q.rows, (uint32_t)in->dims[i]);
	}
	ZTFLM_CHECK(ctx, (uint64_t)(uint32_t)out->dims[rank - 2] == (uint64_t)q.frames * q.frame_step,
		    ZTFLM_ERR_MODEL, "output's last dimension is %d, not %u frames of %u",
		    (int)out->dims[rank - 2], q.frames, q.frame_step);
	const uint32_t bytes = ztflm_size_add(
		sizeof(q), ztflm_size_mul(q.rows, ztflm_signal_row_bytes(q.frame_size, q.elem_size)));

	ZTFLM_CHECK(ctx, bytes <= ZTFLM_SIGNAL_MAX_STATE, ZTFLM_ERR_MODEL,
		    "state of %u rows of %u samples is too large", q.rows, q.frame_size);
	struct ztflm_signal_overlap_add_params *p = ztflm_alloc_op_data(ctx, bytes);

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_overlap_add_s16_ref,
	&ztflm_signal_overlap_add_f32_ref,
};

const struct ztflm_op ztflm_op_signal_overlap_add = {
	ZTFLM_OP_STATEFUL(ztflm_signal_overlap_add_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalOverlapAdd",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
