/* UNIDIRECTIONAL_SEQUENCE_LSTM: TFLM's checks and the scales its prepare computes. */
#include "common/quant.h"
#include "ops/conv_common.h"
#include "ops/unidirectional_sequence_lstm.h"

/* The gates' fully connected outputs are int16 at 2^-12, their nonlinearities' at 2^-15. */
#define GATE_SCALE 0.000244140625f
#define NONLINEAR_SCALE 0.000030517578125f

/* Inputs TFLM's LstmTensors::ValidateTensorStatus requires to be absent. */
#define ABSENT                                                                                     \
	(ZTFLM_IN(9) | ZTFLM_IN(10) | ZTFLM_IN(11) | ZTFLM_IN(16) | ZTFLM_IN(17) | ZTFLM_IN(20) |  \
	 ZTFLM_IN(21) | ZTFLM_IN(22) | ZTFLM_IN(23))

/* The node's tensors, all loaded (the generic prepare loads the first few only). */
struct lstm_tensors {
	struct ztflm_tensor t[ZTFLM_LSTM_INPUTS];
	const struct ztflm_tensor *out;
};

static int load(struct ztflm_context *ctx, const struct ztflm_io *io, struct lstm_tensors *ts)
{
	for (int32_t i = 0; i < ZTFLM_LSTM_INPUTS; i++) {
		if (!ztflm_has_input(ctx, i)) {
			ZTFLM_CHECK(ctx, ABSENT & (1u << i), ZTFLM_ERR_MODEL, "input %d is missing",
				    (int)i);
			continue;
		}
		/* Peephole, projection and layer norm: TFLM's kernel asserts they are absent. */
		ZTFLM_CHECK(ctx, !(ABSENT & (1u << i)), ZTFLM_ERR_UNSUPPORTED,
			    "input %d is present: TFLM's LSTM has no peephole, projection or layer "
			    "norm", (int)i);
		const int rc = i < ZTFLM_IO_INPUTS ? (ts->t[i] = io->in[i], ZTFLM_OK)
						   : ztflm_get_input(ctx, i, &ts->t[i]);

		if (rc != ZTFLM_OK) {
			return rc;
		}
	}
	ts->out = &io->out[0];
	return ZTFLM_OK;
}

/* TFLM's ValidateTensorSize, with every size positive and each product in 64 bits. */
static int check_sizes(struct ztflm_context *ctx, const struct lstm_tensors *ts,
		       struct ztflm_lstm_params *p)
{
	const struct ztflm_tensor *in = &ts->t[ZTFLM_LSTM_INPUT];
	const struct ztflm_tensor *hidden = &ts->t[ZTFLM_LSTM_HIDDEN];
	const struct ztflm_tensor *out = ts->out;

	ZTFLM_CHECK(ctx, in->dims_count == 3 && hidden->dims_count == 2, ZTFLM_ERR_MODEL,
		    "input must be 3-D and the hidden state 2-D, not %d-D and %d-D",
		    (int)in->dims_count, (int)hidden->dims_count);
	p->batches = in->dims[p->time_major ? 1 : 0];
	p->steps = in->dims[p->time_major ? 0 : 1];
	p->input_size = in->dims[2];
	p->units = hidden->dims[1];
	p->rows = p->time_major ? p->batches : 1;
	ZTFLM_CHECK(ctx, p->batches > 0 && p->steps > 0 && p->input_size > 0 && p->units > 0,
		    ZTFLM_ERR_MODEL, "batches %d, steps %d, input size %d and units %d must be "
		    "positive", (int)p->batches, (int)p->steps, (int)p->input_size, (int)p->units);
	for (int32_t i = 0; i < 8; i++) {
		const struct ztflm_tensor *w = &ts->t[ZTFLM_LSTM_WEIGHTS + i];
		const int32_t depth = i < 4 ? p->input_size : p->units;

		ZTFLM_CHECK(ctx, w->dims_count == 2 && w->dims[0] == p->units &&
					 w->dims[1] == depth,
			    ZTFLM_ERR_MODEL, "input %d must be [%d, %d]", (int)(i + 1),
			    (int)p->units, (int)depth);
	}
	for (int32_t i = ZTFLM_LSTM_BIAS; i < ZTFLM_LSTM_BIAS + 4; i++) {
		ZTFLM_CHECK(ctx, ts->t[i].dims_count == 1 && ts->t[i].dims[0] == p->units,
			    ZTFLM_ERR_MODEL, "bias (input %d) must be [%d]", (int)i, (int)p->units);
	}
	const uint64_t state = (uint64_t)(uint32_t)p->batches * (uint32_t)p->units;

	ZTFLM_CHECK(ctx, hidden->elements == state && ts->t[ZTFLM_LSTM_CELL].elements == state,
		    ZTFLM_ERR_MODEL, "hidden and cell states must hold %d x %d values",
		    (int)p->batches, (int)p->units);
	ZTFLM_CHECK(ctx, out->dims_count == 3 && out->dims[0] == in->dims[0] &&
				 out->dims[1] == in->dims[1] && out->dims[2] == p->units,
		    ZTFLM_ERR_MODEL, "output must be [%d, %d, %d]", (int)in->dims[0],
		    (int)in->dims[1], (int)p->units);
	return ZTFLM_OK;
}

/* The tensors' types for the input's: TFLM reads them as these whatever they are. */
static int check_types(struct ztflm_context *ctx, const struct lstm_tensors *ts)
{
	const uint8_t type = ts->t[ZTFLM_LSTM_INPUT].type;
	const uint8_t weights = type == ZTFLM_FLOAT32 ? ZTFLM_FLOAT32 : ZTFLM_INT8;
	const uint8_t bias = type == ZTFLM_FLOAT32 ? ZTFLM_FLOAT32
			     : type == ZTFLM_INT8  ? ZTFLM_INT32
						   : ZTFLM_INT64;
	const uint8_t cell = type == ZTFLM_FLOAT32 ? ZTFLM_FLOAT32 : ZTFLM_INT16;

	for (int32_t i = ZTFLM_LSTM_WEIGHTS; i < ZTFLM_LSTM_WEIGHTS + 8; i++) {
		ZTFLM_CHECK(ctx, ts->t[i].type == weights, ZTFLM_ERR_UNSUPPORTED,
			    "%s input needs %s weights, input %d is %s", ztflm_type_name(type),
			    ztflm_type_name(weights), (int)i, ztflm_type_name(ts->t[i].type));
		/* TFLM reads a per-channel tensor's first multiplier only, which it never sets. */
		ZTFLM_CHECK(ctx, ts->t[i].scale_count <= 1, ZTFLM_ERR_UNSUPPORTED,
			    "per-channel weights (input %d): TFLM's LSTM does not set their "
			    "multipliers", (int)i);
	}
	for (int32_t i = ZTFLM_LSTM_BIAS; i < ZTFLM_LSTM_BIAS + 4; i++) {
		ZTFLM_CHECK(ctx, ts->t[i].type == bias, ZTFLM_ERR_UNSUPPORTED,
			    "%s input needs a %s bias, input %d is %s", ztflm_type_name(type),
			    ztflm_type_name(bias), (int)i, ztflm_type_name(ts->t[i].type));
	}
	ZTFLM_CHECK(ctx, ts->t[ZTFLM_LSTM_CELL].type == cell, ZTFLM_ERR_UNSUPPORTED,
		    "%s input needs a %s cell state", ztflm_type_name(type),
		    ztflm_type_name(cell));
	ZTFLM_CHECK(ctx, ts->t[ZTFLM_LSTM_HIDDEN].is_variable && ts->t[ZTFLM_LSTM_CELL].is_variable,
		    ZTFLM_ERR_MODEL, "the hidden and cell states (inputs 18, 19) must be variable "
		    "tensors");
	return ZTFLM_OK;
}

/* A QuantizeMultiplier result MultiplyByQuantizedMultiplier can apply. */
static int check_shift(struct ztflm_context *ctx, const struct ztflm_lstm_scale *s)
{
	ZTFLM_CHECK(ctx, s->shift >= -31 && s->shift <= 30, ZTFLM_ERR_UNSUPPORTED,
		    "the scales are too far apart for a multiplier (shift %d)", (int)s->shift);
	return ZTFLM_OK;
}

/* TFLM's CreateInterGateMulParams: the product of two scales over a third, in double. */
static int inter_gate(struct ztflm_context *ctx, float a, float b, float out,
		      struct ztflm_lstm_scale *s)
{
	ztflm_quantize_multiplier((double)a * (double)b / (double)out, &s->multiplier, &s->shift);
	return check_shift(ctx, s);
}

/* TFLM's CreateGateParams: two fully connected layers to int16 at 2^-12, one with a bias. */
static int gate(struct ztflm_context *ctx, const struct lstm_tensors *ts, int32_t g,
		int32_t max_shift, struct ztflm_lstm_gate *gp)
{
	const struct ztflm_tensor *in = &ts->t[ZTFLM_LSTM_INPUT];
	const struct ztflm_tensor *w = &ts->t[ZTFLM_LSTM_WEIGHTS + g];
	const struct ztflm_tensor *rw = &ts->t[ZTFLM_LSTM_RECURRENT + g];
	const struct ztflm_tensor *bias = &ts->t[ZTFLM_LSTM_BIAS + g];
	const struct ztflm_tensor fc_out = {.scale = GATE_SCALE};
	const double diff = (double)in->scale * (double)w->scale - (double)bias->scale;

	ZTFLM_CHECK(ctx, (diff < 0.0 ? -diff : diff) / (double)GATE_SCALE <= 0.02, ZTFLM_ERR_MODEL,
		    "bias scale (input %d) is not input scale times weights scale",
		    (int)(ZTFLM_LSTM_BIAS + g));
	int rc = ztflm_conv_product_multiplier(ctx, in, w, &fc_out, max_shift,
					       &gp->input.multiplier, &gp->input.shift);

	if (rc == ZTFLM_OK) {
		rc = ztflm_conv_product_multiplier(ctx, &ts->t[ZTFLM_LSTM_HIDDEN], rw, &fc_out,
						   max_shift, &gp->recurrent.multiplier,
						   &gp->recurrent.shift);
	}
	if (rc == ZTFLM_OK) {
		rc = check_shift(ctx, &gp->input);
	}
	if (rc == ZTFLM_OK) {
		rc = check_shift(ctx, &gp->recurrent);
	}
	gp->input_weights_offset = -w->zero_point;
	gp->recurrent_weights_offset = -rw->zero_point;
	return rc;
}

/*
 * TFLM's PrepareGateParametersInteger and CreateLstmCellStateInfo, and the rescaling its
 * Tanh derives from the cell state's power of two (which it takes rounded, exact or not).
 */
static int parse_integer(struct ztflm_context *ctx, const struct lstm_tensors *ts,
			 struct ztflm_lstm_params *p)
{
	const struct ztflm_tensor *hidden = &ts->t[ZTFLM_LSTM_HIDDEN];
	const float cell_scale = ts->t[ZTFLM_LSTM_CELL].scale;
	int32_t power = 0;
	int rc = ZTFLM_OK;

	p->int16_input = ts->t[ZTFLM_LSTM_INPUT].type == ZTFLM_INT16;
	for (int32_t g = 0; g < ZTFLM_LSTM_GATES && rc == ZTFLM_OK; g++) {
		/* The 16x8 path's int64 rescaling takes shifts up to 14 (ztflm_mbqm64). */
		rc = gate(ctx, ts, g, p->int16_input ? 14 : 30, &p->gates[g]);
	}
	if (rc == ZTFLM_OK) {
		rc = inter_gate(ctx, NONLINEAR_SCALE, cell_scale, cell_scale, &p->forget_cell);
	}
	if (rc == ZTFLM_OK) {
		rc = inter_gate(ctx, NONLINEAR_SCALE, NONLINEAR_SCALE, cell_scale, &p->input_cell);
	}
	if (rc == ZTFLM_OK) {
		rc = inter_gate(ctx, NONLINEAR_SCALE, NONLINEAR_SCALE, hidden->scale, &p->hidden);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	(void)ztflm_checked_log2(cell_scale, &power);
	/* Beyond these TFLM's Tanh input product overflows int32 or shifts past 31 bits. */
	ZTFLM_CHECK(ctx, power >= -43 && power <= 2, ZTFLM_ERR_UNSUPPORTED,
		    "cell state scale 2^%d: TFLM's tanh of the cell state overflows", (int)power);
	const int32_t left = 15 + power - 3;

	p->cell_tanh_multiplier = left >= 0 ? 3 << left : 3;
	p->cell_tanh_shift = left >= 0 ? 0 : -left;
	if (p->cell_clip > 0.0f) {
		const double q = (double)p->cell_clip / (double)cell_scale;

		p->cell_clip_q = (int16_t)(q < -32768.0 ? -32768.0 : q > 32767.0 ? 32767.0 : q);
	}
	p->input_offset = -ts->t[ZTFLM_LSTM_INPUT].zero_point;
	p->hidden_offset = -hidden->zero_point;
	p->hidden_zp = hidden->zero_point;
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_lstm_params *p = params;
	struct lstm_tensors ts;
	int rc = load(ctx, io, &ts);

	if (rc == ZTFLM_OK) {
		rc = check_types(ctx, &ts);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* The schema's only activation TFLM's cell gate evaluates; it asserts on the others. */
	const int32_t activation = ztflm_option_i8(ctx, ZTFLM_USLSTM_ACTIVATION, ZTFLM_ACT_NONE);

	ZTFLM_CHECK(ctx, activation == ZTFLM_ACT_TANH, ZTFLM_ERR_UNSUPPORTED,
		    "cell gate activation %d: TFLM's LSTM runs TANH only", (int)activation);
	p->time_major = ztflm_option_bool(ctx, ZTFLM_USLSTM_TIME_MAJOR, false);
	p->cell_clip = ztflm_option_f32(ctx, ZTFLM_USLSTM_CELL_CLIP, 0.0f);
	rc = check_sizes(ctx, &ts, p);
	if (rc != ZTFLM_OK || ts.t[ZTFLM_LSTM_INPUT].type == ZTFLM_FLOAT32) {
		return rc;
	}
	return parse_integer(ctx, &ts, p);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_unidirectional_sequence_lstm_s8_ref,
	&ztflm_unidirectional_sequence_lstm_s16_ref,
	&ztflm_unidirectional_sequence_lstm_f32_ref,
};

const struct ztflm_op ztflm_op_unidirectional_sequence_lstm = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_UNIDIRECTIONAL_SEQUENCE_LSTM,
	.options = ZTFLM_OPTIONS_UNIDIRECTIONAL_SEQUENCE_LSTM,
	.inputs_min = ZTFLM_LSTM_INPUTS,
	.inputs_max = ZTFLM_LSTM_INPUTS,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ABSENT,
	.same_type = ZTFLM_IN(ZTFLM_LSTM_HIDDEN) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_IN(2) | ZTFLM_IN(3) | ZTFLM_IN(4) |
		     ZTFLM_IN(5) | ZTFLM_IN(6) | ZTFLM_IN(7) | ZTFLM_IN(8) |
		     ZTFLM_IN(ZTFLM_LSTM_HIDDEN) | ZTFLM_IN(ZTFLM_LSTM_CELL),
	.params_bytes = sizeof(struct ztflm_lstm_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
