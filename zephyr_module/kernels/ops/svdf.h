/* SVDF: parameters and compute variants (feature filter, then a time filter over a state). */
#ifndef ZTFLM_KERNELS_OPS_SVDF_H_
#define ZTFLM_KERNELS_OPS_SVDF_H_

#include <ztflm/op.h>

/*
 * The state (input 4, a variable tensor) holds, per batch and filter, the last memory
 * feature activations, oldest first; each invoke shifts it by one and appends the new ones.
 */
struct ztflm_svdf_params {
	int32_t batches;
	int32_t input_size;
	int32_t filters;      /**< units times rank */
	int32_t units;
	int32_t rank;
	int32_t memory;
	int32_t state_int16;  /**< int8: the state and time weights are int16 (else int8) */
	int32_t input_zp;     /**< int8 only, from here on */
	int32_t state_zp;
	int32_t output_zp;
	int32_t multiplier_1; /**< input x feature weights to the state's scale */
	int32_t shift_1;
	int32_t multiplier_2; /**< state x time weights to the output's scale */
	int32_t shift_2;
	int32_t activation;   /**< float32 only: the fused activation, as TFLM applies it */
};

extern const struct ztflm_variant ztflm_svdf_s8_s16_ref;
extern const struct ztflm_variant ztflm_svdf_s8_s8_ref;
extern const struct ztflm_variant ztflm_svdf_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_SVDF_H_ */
