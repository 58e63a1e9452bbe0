/* SVDF: TFLM's checks and scales; the state is a variable tensor kept across invokes. */
#include "common/quant.h"
#include "ops/svdf.h"

enum { IN, W_FEATURE, W_TIME, BIAS, STATE };

/* The time weights' and the state's shapes and types against the node's sizes. */
static int check_state(struct ztflm_context *ctx, const struct ztflm_io *io,
		       struct ztflm_svdf_params *p)
{
	const struct ztflm_tensor *time = &io->in[W_TIME];
	const struct ztflm_tensor *state = &io->in[STATE];

	ZTFLM_CHECK(ctx, time->dims_count == 2 && time->dims[0] == p->filters, ZTFLM_ERR_MODEL,
		    "time weights must be [%d, memory]", (int)p->filters);
	p->memory = time->dims[1];
	/* TFLM's state shift starts one element in: with an empty state it runs past the end. */
	ZTFLM_CHECK(ctx, p->memory > 0 && p->batches > 0 && p->filters > 0, ZTFLM_ERR_MODEL,
		    "batches %d, filters %d and memory %d must be positive", (int)p->batches,
		    (int)p->filters, (int)p->memory);
	ZTFLM_CHECK(ctx, state->is_variable, ZTFLM_ERR_MODEL, "the state (input 4) must be a "
		    "variable tensor");
	ZTFLM_CHECK(ctx, state->dims_count == 2 && state->dims[0] == p->batches &&
				 (uint64_t)(uint32_t)state->dims[1] ==
					 (uint64_t)(uint32_t)p->memory * (uint32_t)p->filters,
		    ZTFLM_ERR_MODEL, "the state must be [%d, %d x %d]", (int)p->batches,
		    (int)p->memory, (int)p->filters);
	return ZTFLM_OK;
}

/* TFLM's int8 scales: float products and quotients, then the multipliers in double. */
static int parse_int8(struct ztflm_context *ctx, const struct ztflm_io *io,
		      struct ztflm_svdf_params *p)
{
	const struct ztflm_tensor *time = &io->in[W_TIME];
	const struct ztflm_tensor *state = &io->in[STATE];
	const struct ztflm_tensor *bias = &io->in[BIAS];

	/* TFLM reads the state as the time weights' type: another would be read out of bounds. */
	ZTFLM_CHECK(ctx, (time->type == ZTFLM_INT16 || time->type == ZTFLM_INT8) &&
				 state->type == time->type,
		    ZTFLM_ERR_UNSUPPORTED, "time weights %s and state %s: both int16 or both int8",
		    ztflm_type_name(time->type), ztflm_type_name(state->type));
	ZTFLM_CHECK(ctx, bias->type == ZTFLM_INT32, ZTFLM_ERR_UNSUPPORTED,
		    "an int8 SVDF needs an int32 bias");
	const float state_scale = state->scale;
	const float scale_1 = io->in[IN].scale * io->in[W_FEATURE].scale / state_scale;
	const float scale_2 = state_scale * time->scale / io->out[0].scale;
	const float bias_scale = state_scale * time->scale;
	const double d = (double)bias->scale - (double)bias_scale;

	ZTFLM_CHECK(ctx, d < 1e-5 && d > -1e-5, ZTFLM_ERR_MODEL,
		    "bias scale is not the state scale times the time weights' scale");
	ztflm_quantize_multiplier((double)scale_1, &p->multiplier_1, &p->shift_1);
	ztflm_quantize_multiplier((double)scale_2, &p->multiplier_2, &p->shift_2);
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->shift_1 <= 31 && p->shift_2 <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "the scales are too far apart for a multiplier");
	p->state_int16 = time->type == ZTFLM_INT16;
	p->input_zp = io->in[IN].zero_point;
	p->state_zp = state->zero_point;
	p->output_zp = io->out[0].zero_point;
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[IN];
	const struct ztflm_tensor *feature = &io->in[W_FEATURE];
	const struct ztflm_tensor *bias = &io->in[BIAS];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_svdf_params *p = params;

	p->rank = ztflm_option_i32(ctx, ZTFLM_SVDF_RANK, 0);
	p->activation = ztflm_option_i8(ctx, ZTFLM_SVDF_ACTIVATION, ZTFLM_ACT_NONE);
	ZTFLM_CHECK(ctx, in->dims_count == 2 && feature->dims_count == 2 &&
				 feature->dims[1] == in->dims[1],
		    ZTFLM_ERR_MODEL, "input must be [batches, n] and feature weights [filters, n]");
	p->batches = in->dims[0];
	p->input_size = in->dims[1];
	p->filters = feature->dims[0];
	/* TFLM divides by the rank unchecked. */
	ZTFLM_CHECK(ctx, p->rank > 0 && p->filters % p->rank == 0, ZTFLM_ERR_MODEL,
		    "rank %d does not divide the %d filters", (int)p->rank, (int)p->filters);
	p->units = p->filters / p->rank;
	ZTFLM_CHECK(ctx, out->dims_count == 2 && out->dims[0] == p->batches &&
				 out->dims[1] == p->units,
		    ZTFLM_ERR_MODEL, "output must be [%d, %d]", (int)p->batches, (int)p->units);
	/* The schema makes the bias optional, but TFLM's prepare crashes without one. */
	ZTFLM_CHECK(ctx, bias->index >= 0, ZTFLM_ERR_UNSUPPORTED,
		    "an SVDF without a bias is not supported (TFLM crashes on one)");
	/* TFLM checks the first dimension only; a rank-0 bias has none. */
	ZTFLM_CHECK(ctx, bias->dims_count >= 1 && bias->dims[0] == p->units &&
				 bias->elements >= (uint32_t)p->units,
		    ZTFLM_ERR_MODEL, "bias must have %d units", (int)p->units);
	const int rc = check_state(ctx, io, p);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (in->type == ZTFLM_INT8) {
		return parse_int8(ctx, io, p);
	}
	ZTFLM_CHECK(ctx, io->in[W_TIME].type == ZTFLM_FLOAT32 &&
				 io->in[STATE].type == ZTFLM_FLOAT32 &&
				 bias->type == ZTFLM_FLOAT32,
		    ZTFLM_ERR_UNSUPPORTED, "a float32 SVDF needs float32 weights, bias and state");
	ZTFLM_CHECK(ctx, p->activation >= ZTFLM_ACT_NONE && p->activation <= ZTFLM_ACT_SIGN_BIT,
		    ZTFLM_ERR_UNSUPPORTED, "fused activation %d is not supported",
		    (int)p->activation);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_svdf_s8_s16_ref,
	&ztflm_svdf_s8_s8_ref,
	&ztflm_svdf_f32_ref,
};

const struct ztflm_op ztflm_op_svdf = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SVDF,
	.options = ZTFLM_OPTIONS_SVDF,
	.inputs_min = 5,
	.inputs_max = 5,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ZTFLM_IN(BIAS),
	.same_type = ZTFLM_IN(W_FEATURE) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(IN) | ZTFLM_IN(W_FEATURE) | ZTFLM_IN(W_TIME) | ZTFLM_IN(STATE) |
		     ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_svdf_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
