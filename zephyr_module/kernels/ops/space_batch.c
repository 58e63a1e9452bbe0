/*
 * SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND of rank 3 ([n, h, depth]) and 4 ([n, h, w, depth])
 * tensors, by a constant block shape, with constant paddings or crops.
 */
#include <string.h>

#include "ops/space_batch.h"

/* A constant int32 tensor of count values, copied out of the model (no alignment promise). */
static int constant(struct ztflm_context *ctx, const struct ztflm_tensor *t, const char *what,
		    uint32_t count, int32_t *values)
{
	ZTFLM_MSG_ONLY(what);
	/* TFLM reads these at every invoke and never checks their size. */
	ZTFLM_CHECK(ctx, t->is_const && t->type == ZTFLM_INT32, ZTFLM_ERR_UNSUPPORTED,
		    "%s must be a constant int32 tensor", what);
	ZTFLM_CHECK(ctx, t->elements == count, ZTFLM_ERR_MODEL, "%s has %u values, not %u", what,
		    (unsigned)t->elements, (unsigned)count);
	memcpy(values, t->data, count * sizeof(int32_t));
	return ZTFLM_OK;
}

/* The space tensor s, the block shape and the paddings or crops (before, after per axis). */
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params,
		 const struct ztflm_tensor *s, int64_t out[4])
{
	struct ztflm_space_batch_params *p = params;
	const int32_t rank = io->in[0].dims_count;
	const uint32_t spatial = (uint32_t)rank - 2u;
	int32_t block[2] = {1, 1};
	int32_t pads[4] = {0, 0, 0, 0};
	int rc;

	ZTFLM_CHECK(ctx, (rank == 3 || rank == 4) && io->out[0].dims_count == rank,
		    ZTFLM_ERR_MODEL, "input and output have rank %d and %d, not both 3 or 4",
		    (int)rank, (int)io->out[0].dims_count);
	rc = constant(ctx, &io->in[1], "block shape", spatial, block);
	if (rc == ZTFLM_OK) {
		rc = constant(ctx, &io->in[2], p->to_space ? "crops" : "paddings", 2u * spatial,
			      pads);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	for (uint32_t k = 0; k < 2u * spatial; k++) {
		ZTFLM_CHECK(ctx, k >= spatial || block[k] >= 1, ZTFLM_ERR_MODEL,
			    "block shape %d is %d, not positive", (int)k, (int)block[k]);
		ZTFLM_CHECK(ctx, pads[k] >= 0, ZTFLM_ERR_MODEL, "%s %d is %d, negative",
			    p->to_space ? "crop" : "padding", (int)k, (int)pads[k]);
	}
	p->n = (uint32_t)s->dims[0];
	p->h = (uint32_t)s->dims[1];
	p->w = rank == 4 ? (uint32_t)s->dims[2] : 1u;
	p->block_h = (uint32_t)block[0];
	p->block_w = (uint32_t)block[1];
	p->top = (uint32_t)pads[0];
	p->left = (uint32_t)pads[2];
	p->depth_bytes = (uint32_t)s->dims[rank - 1] * ztflm_type_size(s->type);
	/* The batch tensor's shape from the space tensor's, in 64 bits (checked by the caller). */
	const int64_t blocks = (int64_t)block[0] * block[1];

	out[0] = (int64_t)s->dims[0] * blocks;
	out[1] = (int64_t)s->dims[1] + pads[0] + pads[1];
	out[2] = rank == 4 ? (int64_t)s->dims[2] + pads[2] + pads[3] : 1;
	out[3] = blocks;
	return ZTFLM_OK;
}

static int space_to_batch(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_space_batch_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	int64_t padded[4];
	int rc = parse(ctx, io, params, in, padded);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM pads with the bytes of a field it never sets (whatever its arena held). */
	ZTFLM_CHECK(ctx, padded[1] == p->h && padded[2] == p->w, ZTFLM_ERR_UNSUPPORTED,
		    "paddings other than 0 are not supported: TFLM pads with uninitialized memory");
	ZTFLM_CHECK(ctx, p->h % p->block_h == 0 && p->w % p->block_w == 0, ZTFLM_ERR_MODEL,
		    "input of %u x %u is not a whole number of %u x %u blocks", (unsigned)p->h,
		    (unsigned)p->w, (unsigned)p->block_h, (unsigned)p->block_w);
	ZTFLM_CHECK(ctx, padded[0] <= INT32_MAX, ZTFLM_ERR_MODEL, "output batches overflow int32");
	const int32_t shape[4] = {(int32_t)padded[0], (int32_t)(p->h / p->block_h),
				  (int32_t)(p->w / p->block_w), in->dims[in->dims_count - 1]};

	p->batches = (uint32_t)shape[0];
	p->batch_h = (uint32_t)shape[1];
	p->batch_w = (uint32_t)shape[2];
	if (in->dims_count == 3) {
		const int32_t shape3[3] = {shape[0], shape[1], shape[3]};

		return ztflm_check_output_shape(ctx, io, shape3, 3);
	}
	return ztflm_check_output_shape(ctx, io, shape, 4);
}

static int batch_to_space(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_space_batch_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	int64_t cropped[4];
	int rc;

	p->to_space = 1;
	rc = parse(ctx, io, params, out, cropped);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* The output is the input rearranged, less the crops: what its shape must be. */
	const int32_t rank = in->dims_count;
	const int64_t blocks = cropped[3];
	const int64_t batches = in->dims[0] / blocks;
	const int64_t h = (int64_t)in->dims[1] * p->block_h - (cropped[1] - p->h);
	const int64_t w = rank == 4 ? (int64_t)in->dims[2] * p->block_w - (cropped[2] - p->w) : 1;

	ZTFLM_CHECK(ctx, batches * blocks == in->dims[0], ZTFLM_ERR_MODEL,
		    "input batches %d are not a multiple of %u x %u blocks", (int)in->dims[0],
		    (unsigned)p->block_h, (unsigned)p->block_w);
	ZTFLM_CHECK(ctx, h >= 0 && w >= 0 && h <= INT32_MAX && w <= INT32_MAX, ZTFLM_ERR_MODEL,
		    "crops larger than the output they crop");
	const int32_t shape[4] = {(int32_t)batches, (int32_t)h, (int32_t)w, in->dims[rank - 1]};

	p->batches = (uint32_t)in->dims[0];
	p->batch_h = (uint32_t)in->dims[1];
	p->batch_w = rank == 4 ? (uint32_t)in->dims[2] : 1u;
	if (rank == 3) {
		const int32_t shape3[3] = {shape[0], shape[1], shape[3]};

		return ztflm_check_output_shape(ctx, io, shape3, 3);
	}
	return ztflm_check_output_shape(ctx, io, shape, 4);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_space_batch_s8_ref,
	&ztflm_space_batch_f32_ref,
};

#define SPACE_BATCH_OP(NAME, fn)                                                                   \
	ZTFLM_OP_GENERIC, .builtin = ZTFLM_OP_##NAME, .options = ZTFLM_OPTIONS_##NAME,             \
	.inputs_min = 3, .inputs_max = 3, .outputs_min = 1, .outputs_max = 1,                      \
	.same_type = ZTFLM_OUT(0), .params_bytes = sizeof(struct ztflm_space_batch_params),        \
	.parse = (fn), ZTFLM_OP_VARIANTS(variants)

const struct ztflm_op ztflm_op_space_to_batch_nd = {SPACE_BATCH_OP(SPACE_TO_BATCH_ND,
								    space_to_batch)};
const struct ztflm_op ztflm_op_batch_to_space_nd = {SPACE_BATCH_OP(BATCH_TO_SPACE_ND,
								    batch_to_space)};
