/* TRANSPOSE: permutes the axes of a tensor of rank 1 to 6 by a constant permutation. */
#include "ops/transpose.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *perm = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_transpose_params *p = params;
	const int32_t rank = in->dims_count;
	uint32_t strides[ZTFLM_TRANSPOSE_MAX_RANK];
	uint32_t seen = 0;

	ZTFLM_CHECK(ctx, rank <= ZTFLM_TRANSPOSE_MAX_RANK, ZTFLM_ERR_UNSUPPORTED,
		    "input rank %d is above %d", (int)rank, ZTFLM_TRANSPOSE_MAX_RANK);
	/* TFLM reads the permutation at prepare: it must be in the model. */
	ZTFLM_CHECK(ctx, perm->type == ZTFLM_INT32 && perm->is_const, ZTFLM_ERR_UNSUPPORTED,
		    "the permutation must be a constant int32 tensor");
	ZTFLM_CHECK(ctx, perm->dims_count == 1 && perm->dims[0] == rank, ZTFLM_ERR_MODEL,
		    "the permutation has %u entries for an input of rank %d", perm->elements,
		    (int)rank);
	ZTFLM_CHECK(ctx, out->dims_count == rank, ZTFLM_ERR_MODEL,
		    "output rank %d is not the input's %d", (int)out->dims_count, (int)rank);
	/* Unsigned: the product past the outermost axis is never used and may exceed int32 for
	 * a tensor the planner then refuses (fuzz_struct: 5 x 2^29). */
	uint32_t stride = 1u;

	for (int32_t k = rank - 1; k >= 0; k--) {
		strides[k] = stride;
		stride *= (uint32_t)in->dims[k];
	}
	const int32_t *axes = perm->data;

	for (int32_t k = 0; k < rank; k++) {
		const int32_t a = axes[k];

		/* A repeated axis would read outside the input (TFLM does not check it). */
		ZTFLM_CHECK(ctx, a >= 0 && a < rank && !(seen & (1u << a)), ZTFLM_ERR_MODEL,
			    "permutation entry %d is %d: not an unused axis below %d", (int)k, (int)a,
			    (int)rank);
		seen |= 1u << a;
		ZTFLM_CHECK(ctx, out->dims[k] == in->dims[a], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, input dimension %d is %d", (int)k,
			    (int)out->dims[k], (int)a, (int)in->dims[a]);
		p->out_dims[k] = (uint32_t)out->dims[k];
		p->in_strides[k] = strides[a];
	}
	p->rank = (uint32_t)rank;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_transpose_s8_ref,
	&ztflm_transpose_s16_ref,
	&ztflm_transpose_s32_ref,
	&ztflm_transpose_f32_ref,
};

const struct ztflm_op ztflm_op_transpose = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_TRANSPOSE,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_transpose_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
