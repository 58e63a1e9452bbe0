/* BATCH_MATMUL: float32, int8 and int16 matrix products over broadcast batch dimensions. */
#include <ztflm/schema.h>

#include "ops/batch_matmul.h"
#include "ops/conv_common.h"

/* TFLM's limit: the matrices and up to three batch dimensions. */
#define MAX_RANK (ZTFLM_BATCH_MATMUL_BATCH_DIMS + 2)

/* Elements after dimension d of a tensor (the stride of d in memory). */
static uint32_t stride_after(const struct ztflm_tensor *t, int32_t d)
{
	uint32_t n = 1;

	for (int32_t i = d + 1; i < t->dims_count; i++) {
		n *= (uint32_t)t->dims[i];
	}
	return n;
}

/* Dimension d of t counted from the last (0 is the last), 1 past its rank. */
static int32_t dim_from_end(const struct ztflm_tensor *t, int32_t d)
{
	return d < t->dims_count ? t->dims[t->dims_count - 1 - d] : 1;
}

/*
 * The batch dimensions: each equal, or 1 in one of the inputs (broadcast), as in TFLM. shape
 * gets the output's (its first rank - 2 entries).
 */
static int plan_batches(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t rank,
			struct ztflm_batch_matmul_params *p, int32_t *shape)
{
	const struct ztflm_tensor *lhs = &io->in[0];
	const struct ztflm_tensor *rhs = &io->in[1];

	for (int32_t k = 0; k < ZTFLM_BATCH_MATMUL_BATCH_DIMS; k++) {
		p->batches[k] = 1;
	}
	for (int32_t d = 2; d < rank; d++) {
		const int32_t l = dim_from_end(lhs, d);
		const int32_t r = dim_from_end(rhs, d);
		const int32_t b = l == 1 ? r : l;
		const int32_t k = ZTFLM_BATCH_MATMUL_BATCH_DIMS - 1 - (d - 2);

		ZTFLM_CHECK(ctx, l == r || l == 1 || r == 1, ZTFLM_ERR_MODEL,
			    "batch dimension %d: LHS has %d, RHS %d, neither 1", (int)(rank - 1 - d),
			    (int)l, (int)r);
		shape[rank - 1 - d] = b;
		p->batches[k] = (uint32_t)b;
		p->lhs_batch[k] = l == 1 ? 0 : stride_after(lhs, lhs->dims_count - 1 - d);
		p->rhs_batch[k] = r == 1 ? 0 : stride_after(rhs, rhs->dims_count - 1 - d);
	}
	return ZTFLM_OK;
}

/*
 * TFLM's int16 rescale (MultiplyByQuantizedMultiplier of an int64) rounds by 1 << (14 - shift):
 * past 14 that shift is negative. Its assert of shift < 8 is compiled out; 8 to 14 run.
 */
#define INT16_SHIFT_MAX 14

static int parse_quant(struct ztflm_context *ctx, const struct ztflm_io *io,
		       struct ztflm_batch_matmul_params *p)
{
	const struct ztflm_tensor *lhs = &io->in[0];
	const struct ztflm_tensor *rhs = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	int rc;

	/* TFLM would read the first scale of a per-channel RHS as if it were the only one. */
	ZTFLM_CHECK(ctx, rhs->scale_count == 1 && lhs->scale_count == 1, ZTFLM_ERR_UNSUPPORTED,
		    "per-channel quantization is not supported (%d LHS, %d RHS scales)",
		    (int)lhs->scale_count, (int)rhs->scale_count);
	rc = ztflm_conv_product_multiplier(ctx, lhs, rhs, out, 31, &p->multiplier, &p->shift);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	p->lhs_offset = -lhs->zero_point;
	p->rhs_offset = -rhs->zero_point;
	p->out_offset = out->zero_point;
	if (lhs->type == ZTFLM_INT16) {
		ZTFLM_CHECK(ctx, lhs->zero_point == 0 && rhs->zero_point == 0 && out->zero_point == 0,
			    ZTFLM_ERR_MODEL, "int16 zero points must be 0 (have %d, %d, %d)",
			    (int)lhs->zero_point, (int)rhs->zero_point, (int)out->zero_point);
		ZTFLM_CHECK(ctx, p->shift <= INT16_SHIFT_MAX, ZTFLM_ERR_UNSUPPORTED,
			    "int16 output rescale shift %d is above %d (TFLM shifts by a negative "
			    "amount)", (int)p->shift, INT16_SHIFT_MAX);
	}
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *lhs = &io->in[0];
	const struct ztflm_tensor *rhs = &io->in[1];
	struct ztflm_batch_matmul_params *p = params;
	const bool adj_x = ztflm_option_bool(ctx, ZTFLM_BATCH_MATMUL_ADJ_X, false);
	const bool adj_y = ztflm_option_bool(ctx, ZTFLM_BATCH_MATMUL_ADJ_Y, false);

	ZTFLM_CHECK(ctx, lhs->dims_count >= 2 && lhs->dims_count <= MAX_RANK &&
				 rhs->dims_count >= 2 && rhs->dims_count <= MAX_RANK,
		    ZTFLM_ERR_UNSUPPORTED, "LHS rank %d and RHS rank %d must be 2 to %d",
		    (int)lhs->dims_count, (int)rhs->dims_count, MAX_RANK);
	const int32_t rank = lhs->dims_count > rhs->dims_count ? lhs->dims_count : rhs->dims_count;
	/* The two last dimensions as stored: [rows, depth] and [depth, cols] unless adjoint. */
	const int32_t l0 = dim_from_end(lhs, 1);
	const int32_t l1 = dim_from_end(lhs, 0);
	const int32_t r0 = dim_from_end(rhs, 1);
	const int32_t r1 = dim_from_end(rhs, 0);
	const int32_t depth_l = adj_x ? l0 : l1;
	const int32_t depth_r = adj_y ? r1 : r0;

	ZTFLM_CHECK(ctx, depth_l == depth_r, ZTFLM_ERR_MODEL,
		    "LHS depth %d is not RHS depth %d (adj_x %d, adj_y %d)", (int)depth_l,
		    (int)depth_r, (int)adj_x, (int)adj_y);
	p->rows = (uint32_t)(adj_x ? l1 : l0);
	p->depth = (uint32_t)depth_l;
	p->cols = (uint32_t)(adj_y ? r0 : r1);
	p->lhs_row = adj_x ? 1u : (uint32_t)l1;
	p->lhs_depth = adj_x ? (uint32_t)l1 : 1u;
	p->rhs_depth = adj_y ? 1u : (uint32_t)r1;
	p->rhs_col = adj_y ? (uint32_t)r1 : 1u;
	int32_t shape[MAX_RANK];
	int rc = plan_batches(ctx, io, rank, p, shape);

	shape[rank - 2] = (int32_t)p->rows;
	shape[rank - 1] = (int32_t)p->cols;
	if (rc == ZTFLM_OK) {
		rc = ztflm_check_output_shape(ctx, io, shape, rank);
	}
	if (rc != ZTFLM_OK || lhs->type == ZTFLM_FLOAT32) {
		return rc;
	}
	return parse_quant(ctx, io, p);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_batch_matmul_s8_ref,
	&ztflm_batch_matmul_s16_ref,
	&ztflm_batch_matmul_f32_ref,
};

const struct ztflm_op ztflm_op_batch_matmul = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_BATCH_MATMUL,
	.options = ZTFLM_OPTIONS_BATCH_MATMUL,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_IN(1) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_batch_matmul_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
