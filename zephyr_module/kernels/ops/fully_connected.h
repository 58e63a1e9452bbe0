/* FULLY_CONNECTED: parameters and compute functions (batches x depth in, units x depth weights). */
#ifndef ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_
#define ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_

#include <stdint.h>

struct ztflm_fc_params {
	int32_t batches;      /**< the input seen as batches x accum_depth */
	int32_t accum_depth;
	int32_t output_depth; /**< units */
	int32_t input_offset; /**< minus the input zero point */
	int32_t filter_offset; /**< minus the filter zero point; 0 when per channel (as TFLM) */
	int32_t output_offset; /**< the output zero point */
	int32_t per_channel;   /**< 1: multiplier and shift per unit; 0: one for all */
	union {
		struct {
			int32_t min;
			int32_t max;
		} q;
		struct {
			float min;
			float max;
		} f;
	} act;
};

/* int8: multiplier and shift (left if > 0) hold output_depth entries when p->per_channel, else
 * one. bias may be NULL.
 */
void ztflm_fully_connected_s8(const struct ztflm_fc_params *p, const int32_t *multiplier,
			      const int32_t *shift, const int8_t *in, const int8_t *filter,
			      const int32_t *bias, int8_t *out, void *scratch);
uint32_t ztflm_fully_connected_s8_scratch_bytes(const struct ztflm_fc_params *p);

void ztflm_fully_connected_f32(const struct ztflm_fc_params *p, const float *in,
			       const float *filter, const float *bias, float *out, void *scratch);
uint32_t ztflm_fully_connected_f32_scratch_bytes(const struct ztflm_fc_params *p);

#endif /* ZTFLM_KERNELS_OPS_FULLY_CONNECTED_H_ */
