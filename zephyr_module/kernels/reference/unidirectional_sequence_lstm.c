/*
 * UNIDIRECTIONAL_SEQUENCE_LSTM (reference): TFLM's lstm_eval step by step. Each step runs
 * the forget, input and cell gates, updates the cell state, runs the output gate, updates
 * the hidden state and copies it to the output. TFLM makes each of these a pass over the
 * step's values; every value depends only on values at its own index, so one pass computes
 * the same bits.
 */
#include <float.h>
#include <string.h>

#include "common/expf.h"
#include "common/mathf.h"
#include "common/quant.h"
#include "common/sigmoid16.h"
#include "ops/unidirectional_sequence_lstm.h"

/* TFLM's scratch: four buffers of a step's rows x units cell values. */
static uint32_t scratch_bytes(const struct ztflm_lstm_params *p, uint32_t cell_size)
{
	const uint64_t bytes = 4u * (uint64_t)cell_size * (uint32_t)p->rows * (uint32_t)p->units;

	/* Verified shapes keep this far below 2^32; saturate rather than wrap all the same. */
	return bytes > UINT32_MAX ? UINT32_MAX : (uint32_t)bytes;
}

static uint32_t scratch_int(const void *params)
{
	return scratch_bytes(params, sizeof(int16_t));
}

static uint32_t scratch_f32(const void *params)
{
	return scratch_bytes(params, sizeof(float));
}

/* The node's tensors during eval, and one step's place in them (elements). */
struct lstm_data {
	const void *in;
	void *out;
	void *hidden;
	void *cell;
	const void *weights[ZTFLM_LSTM_GATES];
	const void *recurrent[ZTFLM_LSTM_GATES];
	const void *bias[ZTFLM_LSTM_GATES];
	uint32_t in_at;
	uint32_t out_at;
	uint32_t state_at;
};

static void load(struct ztflm_context *ctx, struct lstm_data *d)
{
	d->in = ztflm_input_data(ctx, ZTFLM_LSTM_INPUT);
	d->out = ztflm_output_data(ctx, 0);
	d->hidden = ztflm_input_data(ctx, ZTFLM_LSTM_HIDDEN);
	d->cell = ztflm_input_data(ctx, ZTFLM_LSTM_CELL);
	for (int32_t g = 0; g < ZTFLM_LSTM_GATES; g++) {
		d->weights[g] = ztflm_input_data(ctx, ZTFLM_LSTM_WEIGHTS + g);
		d->recurrent[g] = ztflm_input_data(ctx, ZTFLM_LSTM_RECURRENT + g);
		d->bias[g] = ztflm_input_data(ctx, ZTFLM_LSTM_BIAS + g);
	}
}

/* TFLM's EvalLstm: all batches per step when time-major, else batch after batch. */
static void run(const struct ztflm_lstm_params *p, struct lstm_data *d, void *scratch,
		void (*step)(const struct ztflm_lstm_params *p, const struct lstm_data *d,
			     void *scratch))
{
	const uint32_t rows = (uint32_t)p->rows;
	const uint32_t batches = p->time_major ? 1u : (uint32_t)p->batches;

	for (uint32_t b = 0; b < batches; b++) {
		for (uint32_t t = 0; t < (uint32_t)p->steps; t++) {
			const uint32_t row = (b * (uint32_t)p->steps + t) * rows;

			d->in_at = row * (uint32_t)p->input_size;
			d->out_at = row * (uint32_t)p->units;
			d->state_at = b * (uint32_t)p->units;
			step(p, d, scratch);
		}
	}
}

/* ---- int8 and 16x8 ------------------------------------------------------ */

static inline int16_t sat16(int32_t x)
{
	return (int16_t)ztflm_clamp_i32(x, INT16_MIN, INT16_MAX);
}

/*
 * One fully connected layer of a gate, to int16 at 2^-12 (TFLM's reference_integer_ops
 * FullyConnected): int8 input and int32 bias with int32 sums (wrapping), or int16 input and
 * int64 bias with int64 sums. bias may be NULL (the recurrent layer's).
 */
static void gate_fc(const struct ztflm_lstm_params *p, const void *x, int32_t x_offset,
		    int32_t depth, const int8_t *w, int32_t w_offset, const void *bias,
		    const struct ztflm_lstm_scale *s, int16_t *out)
{
	const uint32_t units = (uint32_t)p->units;

	for (uint32_t r = 0; r < (uint32_t)p->rows; r++) {
		for (uint32_t u = 0; u < units; u++) {
			const int8_t *wu = w + u * (uint32_t)depth;
			int32_t v;

			if (p->int16_input) {
				const int16_t *xr = (const int16_t *)x + r * (uint32_t)depth;
				int64_t acc = 0;

				for (int32_t k = 0; k < depth; k++) {
					acc += (int32_t)(wu[k] + w_offset) * (xr[k] + x_offset);
				}
				if (bias != NULL) {
					/* A model's int64 data is only 4-byte aligned: copy it. */
					int64_t b;

					memcpy(&b, (const int64_t *)bias + u, sizeof(b));
					/* Wrapping, as TFLM's int64 sum does on its hosts (C leaves it undefined). */
					acc = (int64_t)((uint64_t)acc + (uint64_t)b);
				}
				v = ztflm_mbqm64(acc, s->multiplier, s->shift);
			} else {
				const int8_t *xr = (const int8_t *)x + r * (uint32_t)depth;
				uint32_t acc = 0;

				for (int32_t k = 0; k < depth; k++) {
					acc += (uint32_t)((wu[k] + w_offset) * (xr[k] + x_offset));
				}
				acc += bias != NULL ? (uint32_t)((const int32_t *)bias)[u] : 0u;
				v = ztflm_mbqm((int32_t)acc, s->multiplier, s->shift);
			}
			out[r * units + u] = sat16(v);
		}
	}
}

/* TFLM's CalculateLstmGate: both layers, their saturating sum, then sigmoid or tanh at 2^-12. */
static void gate_int(const struct ztflm_lstm_params *p, const struct lstm_data *d, int32_t g,
		     bool use_tanh, int16_t *out, int16_t *tmp)
{
	const struct ztflm_lstm_gate *gp = &p->gates[g];
	const uint32_t size = p->int16_input ? 2u : 1u;
	const uint32_t n = (uint32_t)p->rows * (uint32_t)p->units;

	gate_fc(p, (const uint8_t *)d->in + d->in_at * size, p->input_offset, p->input_size,
		d->weights[g], gp->input_weights_offset, d->bias[g], &gp->input, out);
	gate_fc(p, (const uint8_t *)d->hidden + d->state_at * size, p->hidden_offset, p->units,
		d->recurrent[g], gp->recurrent_weights_offset, NULL, &gp->recurrent, tmp);
	for (uint32_t i = 0; i < n; i++) {
		/* Q3.12 in, so TFLM's rescaling is a multiplication by 3. */
		const int32_t v = sat16(out[i] + tmp[i]) * 3;

		out[i] = use_tanh ? ztflm_tanh16(v) : ztflm_logistic16(v);
	}
}

/* TFLM's MulElementwise of two int16 values: rescaled, offset, clamped to [lo, hi]. */
static inline int32_t mul_int(int32_t a, int32_t b, const struct ztflm_lstm_scale *s,
			      int32_t offset, int32_t lo, int32_t hi)
{
	const int32_t v = ztflm_mbqm(a * b, s->multiplier, s->shift);

	return ztflm_clamp_i32((int32_t)((uint32_t)v + (uint32_t)offset), lo, hi);
}

static void step_int(const struct ztflm_lstm_params *p, const struct lstm_data *d, void *scratch)
{
	const uint32_t n = (uint32_t)p->rows * (uint32_t)p->units;
	int16_t *forget = scratch;
	int16_t *input = forget + n;
	int16_t *cell_gate = input + n;
	int16_t *tmp = cell_gate + n;
	int16_t *cell = (int16_t *)d->cell + d->state_at;
	const int32_t clip = p->cell_clip_q;

	gate_int(p, d, ZTFLM_LSTM_GATE_FORGET, false, forget, tmp);
	gate_int(p, d, ZTFLM_LSTM_GATE_INPUT, false, input, tmp);
	gate_int(p, d, ZTFLM_LSTM_GATE_CELL, true, cell_gate, tmp);
	for (uint32_t i = 0; i < n; i++) {
		const int32_t kept = mul_int(forget[i], cell[i], &p->forget_cell, 0, INT16_MIN,
					     INT16_MAX);
		const int32_t added = mul_int(input[i], cell_gate[i], &p->input_cell, 0,
					      INT16_MIN, INT16_MAX);
		int32_t c = sat16(kept + added);

		if (p->cell_clip > 0.0f) {
			c = c > clip ? clip : c;
			c = c < -clip ? -clip : c;
		}
		cell[i] = (int16_t)c;
	}
	/* The output gate reads the hidden state before this step's update. */
	gate_int(p, d, ZTFLM_LSTM_GATE_OUTPUT, false, input, tmp);
	const int32_t rounding = p->cell_tanh_shift > 0 ? 1 << (p->cell_tanh_shift - 1) : 0;
	const int32_t lo = p->int16_input ? INT16_MIN : INT8_MIN;
	const int32_t hi = p->int16_input ? INT16_MAX : INT8_MAX;

	for (uint32_t i = 0; i < n; i++) {
		const int32_t t = ztflm_tanh16(ztflm_sigmoid16_input(
			cell[i], p->cell_tanh_multiplier, p->cell_tanh_shift, rounding));
		const int32_t h = mul_int(t, input[i], &p->hidden, p->hidden_zp, lo, hi);

		if (p->int16_input) {
			((int16_t *)d->hidden)[d->state_at + i] = (int16_t)h;
			((int16_t *)d->out)[d->out_at + i] = (int16_t)h;
		} else {
			((int8_t *)d->hidden)[d->state_at + i] = (int8_t)h;
			((int8_t *)d->out)[d->out_at + i] = (int8_t)h;
		}
	}
}

static int eval_int(struct ztflm_context *ctx, const void *params)
{
	struct lstm_data d;

	load(ctx, &d);
	run(params, &d, ztflm_op_scratch(ctx), step_int);
	return ZTFLM_OK;
}

ZTFLM_VARIANT(unidirectional_sequence_lstm_s8_ref, ZTFLM_INT8, ZTFLM_INT8, eval_int, NULL,
	      scratch_int);
ZTFLM_VARIANT(unidirectional_sequence_lstm_s16_ref, ZTFLM_INT16, ZTFLM_INT16, eval_int, NULL,
	      scratch_int);

/* ---- float32 ------------------------------------------------------------ */

/* TFLM's float FullyConnected with no activation: the sum clamped to the finite floats. */
static void gate_fc_f32(const struct ztflm_lstm_params *p, const float *x, int32_t depth,
			const float *w, const float *bias, float *out)
{
	const uint32_t units = (uint32_t)p->units;

	for (uint32_t r = 0; r < (uint32_t)p->rows; r++) {
		for (uint32_t u = 0; u < units; u++) {
			const float *wu = w + u * (uint32_t)depth;
			const float *xr = x + r * (uint32_t)depth;
			float total = 0.0f;

			for (int32_t k = 0; k < depth; k++) {
				total += xr[k] * wu[k];
			}
			total += bias != NULL ? bias[u] : 0.0f;
			out[r * units + u] = ztflm_clamp_f32(total, -FLT_MAX, FLT_MAX);
		}
	}
}

static void gate_f32(const struct ztflm_lstm_params *p, const struct lstm_data *d, int32_t g,
		     bool use_tanh, float *out, float *tmp)
{
	const uint32_t n = (uint32_t)p->rows * (uint32_t)p->units;

	gate_fc_f32(p, (const float *)d->in + d->in_at, p->input_size, d->weights[g], d->bias[g],
		    out);
	gate_fc_f32(p, (const float *)d->hidden + d->state_at, p->units, d->recurrent[g], NULL,
		    tmp);
	for (uint32_t i = 0; i < n; i++) {
		const float v = out[i] + tmp[i];

		out[i] = use_tanh ? ztflm_tanhf(v) : ztflm_logistic_f32(v);
	}
}

/* TFLM's float Mul with no activation: the product clamped to the finite floats. */
static inline float mul_f32(float a, float b)
{
	return ztflm_clamp_f32(a * b, -FLT_MAX, FLT_MAX);
}

static void step_f32(const struct ztflm_lstm_params *p, const struct lstm_data *d, void *scratch)
{
	const uint32_t n = (uint32_t)p->rows * (uint32_t)p->units;
	float *forget = scratch;
	float *input = forget + n;
	float *cell_gate = input + n;
	float *tmp = cell_gate + n;
	float *cell = (float *)d->cell + d->state_at;
	float *hidden = (float *)d->hidden + d->state_at;
	const float clip = p->cell_clip;

	gate_f32(p, d, ZTFLM_LSTM_GATE_FORGET, false, forget, tmp);
	gate_f32(p, d, ZTFLM_LSTM_GATE_INPUT, false, input, tmp);
	gate_f32(p, d, ZTFLM_LSTM_GATE_CELL, true, cell_gate, tmp);
	for (uint32_t i = 0; i < n; i++) {
		float c = mul_f32(forget[i], cell[i]) + mul_f32(input[i], cell_gate[i]);

		if (clip > 0.0f) {
			/* std::max(std::min(clip, c), -clip): a NaN cell becomes clip. */
			c = c < clip ? c : clip;
			c = c < -clip ? -clip : c;
		}
		cell[i] = c;
	}
	gate_f32(p, d, ZTFLM_LSTM_GATE_OUTPUT, false, input, tmp);
	for (uint32_t i = 0; i < n; i++) {
		hidden[i] = mul_f32(ztflm_tanhf(cell[i]), input[i]);
	}
	memcpy((float *)d->out + d->out_at, hidden, n * sizeof(float));
}

static int eval_f32(struct ztflm_context *ctx, const void *params)
{
	struct lstm_data d;

	load(ctx, &d);
	run(params, &d, ztflm_op_scratch(ctx), step_f32);
	return ZTFLM_OK;
}

ZTFLM_VARIANT(unidirectional_sequence_lstm_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval_f32,
	      NULL, scratch_f32);
