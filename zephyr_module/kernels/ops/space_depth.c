/*
 * SPACE_TO_DEPTH and DEPTH_TO_SPACE: blocks of block x block pixels become channels and back.
 * Each is a transpose of a 6-D view of its input, run by TRANSPOSE's variants.
 */
#include "ops/transpose.h"

/* The block size of the options, and the input's rank: TFLM divides by a block size of 0. */
static int check(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t *block)
{
	*block = ztflm_option_i32(ctx, ZTFLM_BLOCK_SIZE, 0);
	ZTFLM_CHECK(ctx, io->in[0].dims_count == 4, ZTFLM_ERR_MODEL, "input has rank %d, not 4",
		    (int)io->in[0].dims_count);
	ZTFLM_CHECK(ctx, *block > 0 && (int64_t)*block * *block <= INT32_MAX, ZTFLM_ERR_MODEL,
		    "block size %d is not positive or too large", (int)*block);
	return ZTFLM_OK;
}

/* The output walked as dims, each step of axis k moving strides[k] input elements. */
static int view(struct ztflm_context *ctx, const struct ztflm_io *io, const int32_t shape[4],
		const uint32_t dims[6], const uint32_t strides[6], struct ztflm_transpose_params *p)
{
	const int rc = ztflm_check_output_shape(ctx, io, shape, 4);

	p->rank = 6;
	for (int k = 0; k < 6; k++) {
		p->out_dims[k] = dims[k];
		p->in_strides[k] = strides[k];
	}
	return rc;
}

static int space_to_depth(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t block,
			  struct ztflm_transpose_params *p)
{
	const int32_t *d = io->in[0].dims;
	const uint32_t n = (uint32_t)block;
	const uint32_t h = (uint32_t)d[1] / n;
	const uint32_t w = (uint32_t)d[2] / n;
	const uint32_t c = (uint32_t)d[3];
	const int64_t depth = (int64_t)d[3] * block * block;

	ZTFLM_CHECK(ctx, h * n == (uint32_t)d[1] && w * n == (uint32_t)d[2], ZTFLM_ERR_MODEL,
		    "input of %d x %d is not a whole number of %d x %d blocks", (int)d[1], (int)d[2],
		    (int)block, (int)block);
	ZTFLM_CHECK(ctx, depth <= INT32_MAX, ZTFLM_ERR_MODEL, "output depth overflows int32");
	const int32_t shape[4] = {d[0], (int32_t)h, (int32_t)w, (int32_t)depth};
	/* The input as [batch, h, block, w, block, c], walked as [batch, h, w, block, block, c]. */
	const uint32_t row = (uint32_t)d[2] * c;
	const uint32_t dims[6] = {(uint32_t)d[0], h, w, n, n, c};
	const uint32_t strides[6] = {(uint32_t)d[1] * row, n * row, n * c, row, c, 1u};

	return view(ctx, io, shape, dims, strides, p);
}

static int depth_to_space(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t block,
			  struct ztflm_transpose_params *p)
{
	const int32_t *d = io->in[0].dims;
	const uint32_t n = (uint32_t)block;
	const uint32_t c = (uint32_t)d[3] / (n * n);
	const int64_t h = (int64_t)d[1] * block;
	const int64_t w = (int64_t)d[2] * block;

	ZTFLM_CHECK(ctx, c * n * n == (uint32_t)d[3], ZTFLM_ERR_MODEL,
		    "input depth %d is not a multiple of %d x %d", (int)d[3], (int)block, (int)block);
	ZTFLM_CHECK(ctx, h <= INT32_MAX && w <= INT32_MAX, ZTFLM_ERR_MODEL,
		    "output size overflows int32");
	const int32_t shape[4] = {d[0], (int32_t)h, (int32_t)w, (int32_t)c};
	/* The input as [batch, h, w, block, block, c], walked as [batch, h, block, w, block, c]. */
	const uint32_t depth = (uint32_t)d[3];
	const uint32_t row = (uint32_t)d[2] * depth;
	const uint32_t dims[6] = {(uint32_t)d[0], (uint32_t)d[1], n, (uint32_t)d[2], n, c};
	const uint32_t strides[6] = {(uint32_t)d[1] * row, row, n * c, depth, c, 1u};

	return view(ctx, io, shape, dims, strides, p);
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	int32_t block;
	const int rc = check(ctx, io, &block);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	return ctx->op == ZTFLM_OP_SPACE_TO_DEPTH ? space_to_depth(ctx, io, block, params)
						  : depth_to_space(ctx, io, block, params);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_transpose_s8_ref,
	&ztflm_transpose_f32_ref,
};

#define BLOCK_OP(NAME)                                                                             \
	ZTFLM_OP_GENERIC, .builtin = ZTFLM_OP_##NAME, .options = ZTFLM_OPTIONS_##NAME,             \
	.inputs_min = 1, .inputs_max = 1, .outputs_min = 1, .outputs_max = 1,                      \
	.same_type = ZTFLM_OUT(0), .params_bytes = sizeof(struct ztflm_transpose_params),          \
	.parse = parse, ZTFLM_OP_VARIANTS(variants)

const struct ztflm_op ztflm_op_space_to_depth = {BLOCK_OP(SPACE_TO_DEPTH)};
const struct ztflm_op ztflm_op_depth_to_space = {BLOCK_OP(DEPTH_TO_SPACE)};
