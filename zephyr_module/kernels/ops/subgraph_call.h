/* Control flow: a node's tensors meeting a subgraph's inputs or outputs, copied as in TFLM. */
#ifndef ZTFLM_KERNELS_OPS_SUBGRAPH_CALL_H_
#define ZTFLM_KERNELS_OPS_SUBGRAPH_CALL_H_

#include <ztflm/op.h>

/*
 * One side of a copy: the node's inputs from first on (node_out false) or its outputs, and
 * subgraph sg's inputs (sg_out false) or outputs.
 */
struct ztflm_sg_link {
	uint32_t sg;
	bool sg_out;
	bool node_out;
	int32_t first;
};

/*
 * The node's tensors and the subgraph's pair up: as many, each of the same type and shape.
 * TFLM copies their bytes and checks only that their sizes agree, at eval: ztflm refuses at
 * prepare what would fail there, and a reinterpretation of one type as another.
 */
int ztflm_sg_check(struct ztflm_context *ctx, const struct ztflm_sg_link *link);

/* Copies every pair, into the subgraph (into_sg) or out of it; a pair sharing data is skipped. */
void ztflm_sg_copy(struct ztflm_context *ctx, const struct ztflm_sg_link *link, bool into_sg);

/* The first byte of subgraph sg's output 0, as TFLM reads a condition. */
bool ztflm_sg_condition(struct ztflm_context *ctx, uint32_t sg);

/*
 * A build that runs one subgraph (ZTFLM_SUBGRAPHS 1) builds the control-flow operators
 * without their compute variant: the verifier refuses a model of more subgraphs first.
 */

#endif /* ZTFLM_KERNELS_OPS_SUBGRAPH_CALL_H_ */
