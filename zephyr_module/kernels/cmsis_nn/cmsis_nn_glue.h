/*
 * What the CMSIS-NN overlay's kernels share: the limits under which a CMSIS-NN call computes
 * exactly what the reference kernel computes, and the per-tensor to per-channel expansion.
 *
 * CMSIS-NN requantizes with TFLM's double rounding (arm_nn_requantize without
 * CMSIS_NN_USE_SINGLE_ROUNDING): its high multiply nudges by 2^30 and shifts by 31, which
 * equals gemmlowp's sign-dependent nudge and division (floor((ab + 2^30) / 2^31) either way),
 * and its rounding divide is gemmlowp's. Integer accumulations wrap the same way in 32 bits.
 * What it cannot take exactly is guarded here, and the reference computation runs instead.
 */
#ifndef ZTFLM_KERNELS_CMSIS_NN_GLUE_H_
#define ZTFLM_KERNELS_CMSIS_NN_GLUE_H_

#include <stdbool.h>
#include <stdint.h>

#include <arm_nnfunctions.h>

#ifdef CMSIS_NN_USE_SINGLE_ROUNDING
#error "ztflm's cmsis_nn overlay needs CMSIS-NN's double rounding (TFLM's reference rounding)"
#endif

/*
 * Scratch sizes are CMSIS-NN's for the core this is compiled for. A host library built to plan
 * for a core defines ZTFLM_CMSIS_NN_SIZES_DSP or ZTFLM_CMSIS_NN_SIZES_MVE and requests that
 * core's sizes instead (CMSIS-NN's _dsp and _mve queries), so its arena is the target's to the
 * byte; where its own path would need more than that, it runs the reference computation.
 */
#if defined(ZTFLM_CMSIS_NN_SIZES_DSP) && defined(ZTFLM_CMSIS_NN_SIZES_MVE)
#error "ZTFLM_CMSIS_NN_SIZES_DSP and ZTFLM_CMSIS_NN_SIZES_MVE are exclusive"
#endif
#if defined(ZTFLM_CMSIS_NN_SIZES_DSP) || defined(ZTFLM_CMSIS_NN_SIZES_MVE)
#define ZTFLM_CMSIS_NN_SIZES_FOR_TARGET 1
#endif

/* The buffer-size query planned with: fn's _mve or _dsp variant for a target, else fn. */
#if defined(ZTFLM_CMSIS_NN_SIZES_MVE)
#define ZTFLM_CMSIS_SIZE(fn) fn##_mve
#elif defined(ZTFLM_CMSIS_NN_SIZES_DSP)
#define ZTFLM_CMSIS_SIZE(fn) fn##_dsp
#else
#define ZTFLM_CMSIS_SIZE(fn) fn
#endif

/* CMSIS-NN holds several sizes in uint16_t (convolutions) or int: keep every one in range. */
#define ZTFLM_CMSIS_DIM_MAX 0xFFFF

static inline int ztflm_cmsis_dim_ok(int32_t v)
{
	return v >= 0 && v <= ZTFLM_CMSIS_DIM_MAX;
}

/* A product of sizes CMSIS-NN computes in int32_t without overflowing. */
static inline int ztflm_cmsis_size_ok(uint64_t elements)
{
	return elements <= (uint64_t)INT32_MAX;
}

/*
 * Offsets CMSIS-NN adds in 16-bit lanes (SXTAB16, SADD16, im2col to q15): an int8 value plus
 * such an offset stays well inside int16. The runtime checks int8 zero points already; this
 * keeps the overlay exact on its own.
 */
static inline int ztflm_cmsis_offset_ok(int32_t offset)
{
	return offset >= -128 && offset <= 128;
}

static inline uint32_t ztflm_cmsis_align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

/*
 * CMSIS-NN's convolutions take one multiplier and shift per output channel; a per-tensor
 * quantized node has one of each: repeat them into scratch (channels entries each).
 */
static inline void ztflm_cmsis_expand_quant(int32_t channels, int32_t multiplier, int32_t shift,
					    int32_t *mult_out, int32_t *shift_out)
{
	for (int32_t c = 0; c < channels; c++) {
		mult_out[c] = multiplier;
		shift_out[c] = shift;
	}
}

/*
 * Scratch of a convolution variant: CMSIS-NN's buffer, then (per tensor) the multiplier and
 * shift of each of channels repeated (ztflm_cmsis_quant); at least fallback bytes, what the
 * reference computation takes for a node declined at run time.
 */
static inline uint32_t ztflm_cmsis_conv_scratch(uint32_t buffer, bool per_channel,
						int32_t channels, uint32_t fallback)
{
	const uint32_t own = buffer + (per_channel ? 0u : 8u * (uint32_t)channels);

	return own > fallback ? own : fallback;
}

/*
 * CMSIS-NN's per-channel quantization for a call: the node's own, or (per tensor) its one
 * multiplier and shift repeated into scratch at quant (8 bytes a channel).
 */
static inline cmsis_nn_per_channel_quant_params
ztflm_cmsis_quant(bool per_channel, int32_t channels, const int32_t *multiplier,
		       const int32_t *shift, void *quant)
{
	/* CMSIS-NN only reads them (its struct members are not const). */
	cmsis_nn_per_channel_quant_params q = {(int32_t *)(uintptr_t)multiplier,
					       (int32_t *)(uintptr_t)shift};

	if (!per_channel) {
		int32_t *m = quant;

		ztflm_cmsis_expand_quant(channels, multiplier[0], shift[0], m, m + channels);
		q.multiplier = m;
		q.shift = m + channels;
	}
	return q;
}

/*
 * Whether CMSIS-NN's 16x8 arithmetic gives TFLM's results for every int16 input of a node
 * (cmsis_nn/s16_exact.c). channels output channels of taps int8 weights each, tap t of
 * channel c at filter[c * channel_step + t * tap_step]; bias int64 (int32 when acc32) or
 * NULL; the multiplier and shift of channel c at c * quant_step.
 */
bool ztflm_cmsis_s16_exact(const int8_t *filter, uint32_t channels, uint32_t taps,
			   uint32_t channel_step, uint32_t tap_step, const void *bias,
			   bool acc32, const int32_t *multiplier, const int32_t *shift,
			   uint32_t quant_step);

#endif /* ZTFLM_KERNELS_CMSIS_NN_GLUE_H_ */
