/*
 * The lookup family (GATHER, GATHER_ND, EMBEDDING_LOOKUP): rows of a data tensor copied to the
 * output in the order an int32 index tensor names them. A lookup has nd index components, each
 * checked against its dimension before anything is copied: TFLM reads out of bounds, or the
 * row a wrong component lands on, where ztflm refuses the invoke.
 */
#ifndef ZTFLM_KERNELS_OPS_LOOKUP_H_
#define ZTFLM_KERNELS_OPS_LOOKUP_H_

#include <ztflm/op.h>

/* TFLM's GATHER_ND takes at most 5 index components. */
#define ZTFLM_LOOKUP_MAX_ND 5

/*
 * The data is batches x outer blocks of rows; each block is looked up lookups times, batch b
 * with its own indices (GATHER's batch_dims). A lookup's row is the sum of component j times
 * strides[j], component j below dims[j].
 */
struct ztflm_lookup_params {
	uint32_t batches;
	uint32_t outer;
	uint32_t lookups;     /**< per batch */
	uint32_t rows;        /**< per block */
	uint32_t row_elements;
	uint32_t nd;          /**< 0 to ZTFLM_LOOKUP_MAX_ND */
	uint32_t dims[ZTFLM_LOOKUP_MAX_ND];
	uint32_t strides[ZTFLM_LOOKUP_MAX_ND];
	float scale;          /**< int8 rows dequantized to float32 (EMBEDDING_LOOKUP) */
	uint8_t data;         /**< input number of the data tensor */
	uint8_t indices;      /**< input number of the indices */
};

/**
 * The end of an operator's parse, once it filled the other parameters: output 0 must have
 * the shape the operator derived (rank dimensions), the data is input data and the indices
 * the other one, of type int32 (TFLM takes no other); when they are a constant, every index
 * lies inside its dimension, so a bad model fails at prepare.
 */
int ztflm_lookup_finish(struct ztflm_context *ctx, const struct ztflm_io *io,
			struct ztflm_lookup_params *p, const int32_t *shape, int32_t rank,
			uint8_t data);

/**
 * Fails with code naming the first index outside its dimension; idx holds batches x lookups
 * x nd of them.
 */
int ztflm_lookup_check(struct ztflm_context *ctx, const struct ztflm_lookup_params *p,
		       const int32_t *idx, int code);

extern const struct ztflm_variant ztflm_lookup_s8_ref;
extern const struct ztflm_variant ztflm_lookup_f32_ref;
extern const struct ztflm_variant ztflm_lookup_s8_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_LOOKUP_H_ */
