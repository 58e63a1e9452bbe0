/*
 * CIRCULAR_BUFFER, TFLM's custom operator for strided streaming convolutions: each invoke
 * shifts the buffer one slot towards its start and appends the input; every cycles_max-th
 * invoke the rest of the graph runs, the others stop the invoke (ZTFLM_STOPPED) or, with
 * a second output, run on with that bool output false.
 *
 * TFLM keeps the buffer in the output tensor across invokes, which its planner may let other
 * tensors overwrite; here the buffer is state in the op data (in the tail, per tenant),
 * filled with the output's zero point at allocate and reset as TFLM does for a variable
 * output, and copied to the output each invoke.
 */
#ifndef ZTFLM_KERNELS_OPS_CIRCULAR_BUFFER_H_
#define ZTFLM_KERNELS_OPS_CIRCULAR_BUFFER_H_

#include <ztflm/op.h>

struct ztflm_circular_buffer_params {
	uint32_t resets;      /**< the op layer's (op.h: reset) */
	uint32_t slots;       /**< output dimension 1 */
	uint32_t depth;       /**< bytes of one slot: output dimensions 2 and 3 */
	int32_t cycles_max;   /**< invokes between two runs of the rest of the graph, >= 1 */
	int32_t until_run;    /**< state: invokes left before the next run */
	int32_t fill;         /**< the output's zero point, the buffer's initial value */
	uint32_t valid;       /**< the node has the bool output 1 instead of stopping */
	/* followed by int8_t buffer[slots * depth] */
};

/* The largest buffer a node may keep (the largest arena holds 2^30). */
#define ZTFLM_CIRCULAR_BUFFER_MAX (1u << 30)

extern const struct ztflm_variant ztflm_circular_buffer_s8_ref;

void ztflm_circular_buffer_reset(void *params);

#endif /* ZTFLM_KERNELS_OPS_CIRCULAR_BUFFER_H_ */
