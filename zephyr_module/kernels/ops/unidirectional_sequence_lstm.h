/* UNIDIRECTIONAL_SEQUENCE_LSTM: parameters and compute variants (TFLM's lstm_eval). */
#ifndef ZTFLM_KERNELS_OPS_UNIDIRECTIONAL_SEQUENCE_LSTM_H_
#define ZTFLM_KERNELS_OPS_UNIDIRECTIONAL_SEQUENCE_LSTM_H_

#include <ztflm/op.h>

/* TFLM's input order (lstm_shared.h): four gates each for weights, recurrent weights, bias. */
enum ztflm_lstm_input {
	ZTFLM_LSTM_INPUT = 0,
	ZTFLM_LSTM_WEIGHTS = 1,     /* input to the input, forget, cell and output gates */
	ZTFLM_LSTM_RECURRENT = 5,   /* hidden state to the four gates */
	ZTFLM_LSTM_PEEPHOLE = 9,    /* three, absent: TFLM refuses them */
	ZTFLM_LSTM_BIAS = 12,
	ZTFLM_LSTM_PROJECTION = 16, /* weights and bias, absent: TFLM refuses them */
	ZTFLM_LSTM_HIDDEN = 18,     /* variable tensors */
	ZTFLM_LSTM_CELL = 19,
	ZTFLM_LSTM_LAYER_NORM = 20, /* four, absent: TFLM refuses them */
	ZTFLM_LSTM_INPUTS = 24,
};

enum { ZTFLM_LSTM_GATE_INPUT, ZTFLM_LSTM_GATE_FORGET, ZTFLM_LSTM_GATE_CELL,
       ZTFLM_LSTM_GATE_OUTPUT, ZTFLM_LSTM_GATES };

/* A rescaling: TFLM's output_multiplier and output_shift (left if > 0). */
struct ztflm_lstm_scale {
	int32_t multiplier;
	int32_t shift;
};

/* A gate's two fully connected layers, integer only: their outputs are int16 at 2^-12. */
struct ztflm_lstm_gate {
	struct ztflm_lstm_scale input;     /**< input x weights (+ bias) */
	struct ztflm_lstm_scale recurrent; /**< hidden state x recurrent weights */
	int32_t input_weights_offset;      /**< minus the weights' zero points */
	int32_t recurrent_weights_offset;
};

/*
 * Sizes as TFLM reads them; each step runs `rows` rows: every batch at one time when
 * time-major, else one batch's row at a time.
 */
struct ztflm_lstm_params {
	int32_t batches;
	int32_t steps;
	int32_t input_size;
	int32_t units;          /**< the state dimension */
	int32_t time_major;
	int32_t rows;
	float cell_clip;        /**< clip the cell state to +-cell_clip when > 0 */
	int32_t int16_input;    /**< integer: 16x8 (int64 bias), else int8 (int32 bias) */
	int32_t cell_clip_q;    /**< integer: cell_clip in cell state steps, as int16 */
	int32_t cell_tanh_multiplier; /**< integer: TFLM's Tanh rescaling of the cell state */
	int32_t cell_tanh_shift;
	int32_t input_offset;   /**< minus the input's zero point */
	int32_t hidden_offset;  /**< minus the hidden state's zero point */
	int32_t hidden_zp;
	struct ztflm_lstm_scale forget_cell; /**< forget gate x cell state to the cell scale */
	struct ztflm_lstm_scale input_cell;  /**< input gate x cell gate to the cell scale */
	struct ztflm_lstm_scale hidden;      /**< output gate x tanh(cell) to the hidden scale */
	struct ztflm_lstm_gate gates[ZTFLM_LSTM_GATES];
};

extern const struct ztflm_variant ztflm_unidirectional_sequence_lstm_s8_ref;
extern const struct ztflm_variant ztflm_unidirectional_sequence_lstm_s16_ref;
extern const struct ztflm_variant ztflm_unidirectional_sequence_lstm_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_UNIDIRECTIONAL_SEQUENCE_LSTM_H_ */
