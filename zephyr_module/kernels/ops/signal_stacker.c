/*
 * SignalStacker: stacks the num_channels values of successive invokes into frames of
 * left + 1 + right of them, every stacker_step invokes, the first repeated left times before
 * it. The values not yet output are state. Output 1 says whether output 0 was written (it is
 * zeros when not).
 */
#include "common/size.h"
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"num_channels", "stacker_left_context",
					   "stacker_right_context", "stacker_step"};
	struct ztflm_signal_stacker_params q = {0};
	struct ztflm_flex v[4];
	int32_t value[4] = {0};
	int rc = ztflm_signal_tensor(ctx, "input", &io->in[0], ZTFLM_INT16, 1);

	(void)params;
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", &io->out[0], ZTFLM_INT16, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output 1", &io->out[1], ZTFLM_BOOL, 0);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 4, v);
	}
	for (uint32_t i = 0; rc == ZTFLM_OK && i < 4; i++) {
		/* num_channels and stacker_step at least 1: a step of 0 never frees room. */
		rc = ztflm_options_slot_int(ctx, &v[i], keys[i], i == 0 || i == 3 ? 1 : 0,
					    INT32_MAX, &value[i]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	const uint64_t frames = (uint64_t)value[1] + (uint64_t)value[2] + 1u;

	/* Stepping past the frames held would read behind them. */
	ZTFLM_CHECK(ctx, (uint64_t)value[3] <= frames, ZTFLM_ERR_MODEL,
		    "stacker_step %d is more than the %d frames stacked", (int)value[3],
		    (int)(frames > INT32_MAX ? INT32_MAX : frames));
	q.channels = (uint32_t)value[0];
	q.size = ztflm_size_mul(q.channels, frames > UINT32_MAX ? UINT32_MAX : (uint32_t)frames);
	q.step_size = q.channels * (uint32_t)value[3];
	q.left = (uint32_t)value[1];
	ZTFLM_CHECK(ctx, io->in[0].elements >= q.channels, ZTFLM_ERR_MODEL,
		    "input has %u elements for %u channels", io->in[0].elements, q.channels);
	ZTFLM_CHECK(ctx, io->out[0].elements == q.size, ZTFLM_ERR_MODEL,
		    "output has %u elements, not num_channels * (left + right + 1) = %u",
		    io->out[0].elements, q.size);
	const uint32_t bytes = ztflm_size_add(sizeof(q), ztflm_signal_row_bytes(q.size, 2u));

	ZTFLM_CHECK(ctx, bytes <= ZTFLM_SIGNAL_MAX_STATE, ZTFLM_ERR_MODEL,
		    "state of %u values is too large", q.size);
	struct ztflm_signal_stacker_params *p = ztflm_alloc_op_data(ctx, bytes);

	if (!p) {
		return ZTFLM_ERR_ARENA;
	}
	*p = q;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_stacker_s16_ref,
};

const struct ztflm_op ztflm_op_signal_stacker = {
	ZTFLM_OP_STATEFUL(ztflm_signal_stacker_reset),
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalStacker",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 2,
	.outputs_max = 2,
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
