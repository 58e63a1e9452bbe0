/*
 * TFLM's Signal library (signal/micro/kernels): the custom operators of the audio front end.
 * Parameters of each operator, its compute variants, and the checks they share. The FFTs
 * are in ops/fft.h.
 *
 * TFLM's kernels trust their parameters and shapes; each parse here checks what their loops
 * would index, and refuses what would read or write outside a tensor or its state.
 */
#ifndef ZTFLM_KERNELS_OPS_SIGNAL_H_
#define ZTFLM_KERNELS_OPS_SIGNAL_H_

#include <ztflm/op.h>

#include "common/custom_options.h"

/** Tensor t (named what: "input 1") has this type, and rank dims unless dims < 0. */
int ztflm_signal_tensor(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t,
			uint8_t type, int32_t dims);

/** Tensors a and b (named) have the same number of elements. */
int ztflm_signal_same_size(struct ztflm_context *ctx, const char *what_a,
			   const struct ztflm_tensor *a, const char *what_b,
			   const struct ztflm_tensor *b);

/** The options' 'T' (a TensorType, read by position 0) is type, the tensors' type. */
int ztflm_signal_type_option(struct ztflm_context *ctx, const struct ztflm_flex *v, uint8_t type);

/** The innermost dimension of t (rank >= 1) and the product of the others. */
void ztflm_signal_rows(const struct ztflm_tensor *t, uint32_t *rows, uint32_t *last);

/* SignalWindow: input * weights >> shift, saturated to int16, the weights repeated. */
struct ztflm_signal_window_params {
	uint32_t size;        /**< input elements, a multiple of weights */
	uint32_t weights;
	int32_t shift;        /**< 0 to 31 */
};

/* SignalFftAutoScale: the input shifted left as far as its largest magnitude allows. */
struct ztflm_signal_fft_auto_scale_params {
	uint32_t size;
};

/* SignalEnergy: |x|^2 of the complex int16 bins [start, end). */
struct ztflm_signal_energy_params {
	uint32_t start;
	uint32_t end;
	uint32_t size;        /**< output elements (those outside [start, end) are zeroed) */
};

/* SignalFilterBank: weighted sums of uint32 spectrum bins into num_channels uint64 channels. */
struct ztflm_signal_filter_bank_params {
	uint32_t channels;    /**< num_channels; the config tensors hold channels + 1 entries */
};

/* SignalFilterBankSquareRoot: sqrt of uint64 channels, shifted right by input 1. */
struct ztflm_signal_filter_bank_square_root_params {
	uint32_t size;
};

/* SignalFilterBankSpectralSubtraction: a smoothed noise estimate subtracted; it is state. */
struct ztflm_signal_spectral_subtraction_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t channels;
	uint32_t smoothing;
	uint32_t one_minus_smoothing;
	uint32_t alternate_smoothing;
	uint32_t alternate_one_minus_smoothing;
	uint32_t min_signal_remaining;
	uint32_t smoothing_bits;            /**< 0 to 31 */
	uint32_t spectral_subtraction_bits; /**< 0 to 63 */
	uint32_t clamping;
	/* followed by uint32_t noise_estimate[channels] */
};

/* SignalPCAN: per-channel automatic gain control from the noise estimate and a gain table. */
struct ztflm_signal_pcan_params {
	uint32_t channels;
	int32_t snr_shift;    /**< 0 to 63 */
};

/* The entries of PCAN's gain table its wide dynamic function reads: 4 * 32 - 6 + 3. */
#define ZTFLM_PCAN_LUT_ENTRIES 125

/* SignalFilterBankLog: int16 log of each channel. */
struct ztflm_signal_filter_bank_log_params {
	uint32_t size;
	uint32_t correction_bits; /**< 0 to 31 */
	uint32_t output_scale;
};

/*
 * SignalFramer: frames of frame_size samples every frame_step samples, per row of the input;
 * its state is each row's samples not yet framed (at most capacity).
 */
struct ztflm_signal_framer_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t rows;
	uint32_t frames;      /**< per row and invoke: innermost / frame_step */
	uint32_t frame_size;
	uint32_t frame_step;
	uint32_t capacity;    /**< frame_size rounded up to a multiple of frame_step */
	uint32_t prefill;     /**< samples of zeros a reset leaves: frame_size - frame_step, or 0 */
	/* followed by, per row: uint32_t count, then int16_t samples[capacity] (padded to 4) */
};

/*
 * SignalStacker: num_channels values per invoke stacked into left + 1 + right frames every
 * step frames, the first frame repeated left times; its state is the frames not yet output.
 */
struct ztflm_signal_stacker_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t channels;
	uint32_t size;        /**< output elements: channels * (left + right + 1) */
	uint32_t step_size;   /**< channels * stacker_step */
	uint32_t left;
	uint32_t count;       /**< state: values held */
	uint32_t started;     /**< state: the first frame was seen */
	/* followed by int16_t values[size] */
};

/* SignalDelay: each row delayed by delay samples; its state is the last delay of each row. */
struct ztflm_signal_delay_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t rows;
	uint32_t frame;       /**< innermost dimension */
	uint32_t delay;
	/* followed by, per row: int16_t samples[delay + frame] (padded to 4) */
};

/*
 * SignalOverlapAdd: frames of frame_size added frame_step apart; each row's state is the
 * frame_size samples of the sum not yet output.
 */
struct ztflm_signal_overlap_add_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t rows;
	uint32_t frames;
	uint32_t frame_size;
	uint32_t frame_step;
	uint32_t elem_size;   /**< 2 (int16) or 4 (float32) */
	/* followed by, per row: T buffer[frame_size] (padded to 4) */
};

extern const struct ztflm_variant ztflm_signal_window_s16_ref;
extern const struct ztflm_variant ztflm_signal_fft_auto_scale_s16_ref;
extern const struct ztflm_variant ztflm_signal_energy_s16_ref;
extern const struct ztflm_variant ztflm_signal_filter_bank_u32_ref;
extern const struct ztflm_variant ztflm_signal_filter_bank_square_root_u64_ref;
extern const struct ztflm_variant ztflm_signal_spectral_subtraction_u32_ref;
extern const struct ztflm_variant ztflm_signal_pcan_u32_ref;
extern const struct ztflm_variant ztflm_signal_filter_bank_log_u32_ref;
extern const struct ztflm_variant ztflm_signal_framer_s16_ref;
extern const struct ztflm_variant ztflm_signal_stacker_s16_ref;
extern const struct ztflm_variant ztflm_signal_delay_s16_ref;
extern const struct ztflm_variant ztflm_signal_overlap_add_s16_ref;
extern const struct ztflm_variant ztflm_signal_overlap_add_f32_ref;

/* The state resets (op.h: reset), beside the compute variants. */
void ztflm_signal_spectral_subtraction_reset(void *params);
void ztflm_signal_framer_reset(void *params);
void ztflm_signal_stacker_reset(void *params);
void ztflm_signal_delay_reset(void *params);
void ztflm_signal_overlap_add_reset(void *params);

/* The most bytes of state a node may ask for (the largest arena holds 2^30). */
#define ZTFLM_SIGNAL_MAX_STATE (1u << 30)

/* Bytes of one row of state: n elements of size bytes, padded to 4; UINT32_MAX past 2^30. */
static inline uint32_t ztflm_signal_row_bytes(uint32_t n, uint32_t size)
{
	return n > ZTFLM_SIGNAL_MAX_STATE / size ? UINT32_MAX : (n * size + 3u) & ~3u;
}

#endif /* ZTFLM_KERNELS_OPS_SIGNAL_H_ */
