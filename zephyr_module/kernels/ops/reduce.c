/* The reduction family's shared parse: the axes, the output shape and the loop nest. */
#include <string.h>

#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/arg_min_max.h"
#include "ops/reduce.h"

/* Bit mask of the reduced dimensions from the axis tensor (negative axes count from the end). */
static int reduced_mask(struct ztflm_context *ctx, const struct ztflm_tensor *axis, int32_t rank,
			enum ztflm_reduce_axes axes, uint32_t *mask)
{
	*mask = 0;
	/* The output shape is fixed in the model, so the axes are too. */
	ZTFLM_CHECK(ctx, axis->is_const && axis->data != NULL, ZTFLM_ERR_UNSUPPORTED,
		    "the axis tensor must be constant");
	if (axis->type != ZTFLM_INT32) {
		return ztflm_fail_type(ctx, "axis", axis->type);
	}
	const uint32_t count = axes == ZTFLM_REDUCE_FIRST_AXIS ? 1u : axis->elements;

	/* TFLM reads the first axis without looking at the count. */
	ZTFLM_CHECK(ctx, axis->elements >= count, ZTFLM_ERR_MODEL, "the axis tensor is empty");
	if (rank == 0 && axes == ZTFLM_REDUCE_ALL_AXES) {
		/* TFLM ignores the axes of a scalar. */
		return ZTFLM_OK;
	}
	for (uint32_t i = 0; i < count; i++) {
		int32_t a;

		/* Model data carries no alignment promise. */
		memcpy(&a, (const int32_t *)axis->data + i, sizeof(a));
		ZTFLM_CHECK(ctx, a >= -rank && a < rank, ZTFLM_ERR_MODEL,
			    "axis %d is out of range for rank %d", (int)a, (int)rank);
		*mask |= 1u << (uint32_t)(a < 0 ? a + rank : a);
	}
	return ZTFLM_OK;
}

static int check_output(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			const struct ztflm_tensor *out, uint32_t mask, bool keep_dims)
{
	int32_t o = 0;

	for (int32_t d = 0; d < in->dims_count; d++) {
		const bool reduced = (mask >> d) & 1u;

		if (reduced && !keep_dims) {
			continue;
		}
		const int32_t want = reduced ? 1 : in->dims[d];

		ZTFLM_CHECK(ctx, o < out->dims_count && out->dims[o] == want, ZTFLM_ERR_MODEL,
			    "output dimension %d should be %d", (int)o, (int)want);
		o++;
	}
	ZTFLM_CHECK(ctx, o == out->dims_count, ZTFLM_ERR_MODEL,
		    "output has rank %d but the reduction has rank %d", (int)out->dims_count,
		    (int)o);
	return ZTFLM_OK;
}

/* Appends a loop to a nest, fused into the previous one when they walk contiguously. */
static void add_loop(struct ztflm_reduce_dim *loops, uint32_t *n, uint32_t count, uint32_t stride)
{
	if (count == 1) {
		return;
	}
	if (*n > 0 && loops[*n - 1].stride == stride * count) {
		loops[*n - 1].count *= count;
		loops[*n - 1].stride = stride;
		return;
	}
	loops[*n].count = count;
	loops[*n].stride = stride;
	(*n)++;
}

int ztflm_reduce_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		       enum ztflm_reduce_axes axes, bool keep_dims, uint32_t params_bytes,
		       void **params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_reduce_dim kept[ZTFLM_MAX_DIMS];
	struct ztflm_reduce_dim red[ZTFLM_MAX_DIMS];
	struct ztflm_reduce r = {0};
	uint32_t mask = 0;

	ZTFLM_CHECK(ctx, in->dims_count <= ZTFLM_MAX_DIMS, ZTFLM_ERR_UNSUPPORTED,
		    "rank %d is more than the %d supported", (int)in->dims_count, ZTFLM_MAX_DIMS);
	int rc = reduced_mask(ctx, &io->in[1], in->dims_count, axes, &mask);

	if (rc == ZTFLM_OK) {
		rc = check_output(ctx, in, out, mask, keep_dims);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	r.outputs = out->elements;
	if (in->elements > 0) {
		/* The verifier bounds every tensor's size, so these products cannot wrap. */
		uint32_t stride = in->elements;

		r.reduced_count = 1;
		/* Outermost first, so walk the dimensions forwards with their strides. */
		for (int32_t d = 0; d < in->dims_count; d++) {
			const uint32_t count = (uint32_t)in->dims[d];

			stride /= count;
			if ((mask >> d) & 1u) {
				r.reduced_count *= count;
				add_loop(red, &r.n_reduced, count, stride);
			} else {
				add_loop(kept, &r.n_kept, count, stride);
			}
		}
	}

	const uint32_t nloops = r.n_kept + r.n_reduced;
	uint8_t *p = ztflm_alloc_op_data(
		ctx, params_bytes + nloops * (uint32_t)sizeof(struct ztflm_reduce_dim));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	struct ztflm_reduce_dim *loops = (struct ztflm_reduce_dim *)(void *)(p + params_bytes);

	memcpy(p, &r, sizeof(r));
	for (uint32_t i = 0; i < r.n_kept; i++) {
		loops[i] = kept[i];
	}
	for (uint32_t i = 0; i < r.n_reduced; i++) {
		loops[r.n_kept + i] = red[i];
	}
	*params = p;
	return ZTFLM_OK;
}

/*
 * MEAN: TFLM folds 1/count into the multiplier. Scale it up by the largest power of two not
 * above count (at most 2^32, and so that the shift stays >= -31), divide, and shift back.
 */
static void fold_count(struct ztflm_reducer_params *p)
{
	int32_t s = 0;

	if (p->reduce.reduced_count == 0) {
		return;
	}
	for (uint32_t v = p->reduce.reduced_count; v > 1; v >>= 1) {
		s++;
	}
	if (s > 31 + p->shift) {
		s = 31 + p->shift;
	}
	p->multiplier = (int32_t)(((int64_t)p->multiplier << s) / (int64_t)p->reduce.reduced_count);
	p->shift -= s;
}

int ztflm_reducer_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	const bool keep_dims = ztflm_option_bool(ctx, ZTFLM_REDUCER_KEEP_DIMS, false);
	struct ztflm_reducer_params *p;
	int rc = ztflm_reduce_parse(ctx, io, ZTFLM_REDUCE_ALL_AXES, keep_dims, sizeof(*p),
				    (void **)&p);

	(void)unused;
	if (rc != ZTFLM_OK || in->type == ZTFLM_FLOAT32 || in->type == ZTFLM_BOOL) {
		return rc;
	}
	if (ctx->op != ZTFLM_OP_SUM && ctx->op != ZTFLM_OP_MEAN) {
		/* REDUCE_MAX and REDUCE_MIN pick values: TFLM wants them on the same scale. */
		ZTFLM_CHECK(ctx, in->scale == out->scale && in->zero_point == out->zero_point,
			    ZTFLM_ERR_UNSUPPORTED,
			    "input and output quantization differ (TFLM requires them equal)");
		return ZTFLM_OK;
	}
	p->input_zero_point = in->zero_point;
	p->output_zero_point = out->zero_point;
	ztflm_quantize_multiplier((double)in->scale / (double)out->scale, &p->multiplier,
				  &p->shift);
	if (ctx->op == ZTFLM_OP_MEAN) {
		fold_count(p);
	}
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	return ZTFLM_OK;
}

int ztflm_arg_min_max_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	void *p;
	int32_t axis;
	const int rc = ztflm_reduce_parse(ctx, io, ZTFLM_REDUCE_FIRST_AXIS, false,
					  sizeof(struct ztflm_arg_min_max_params), &p);

	(void)unused;
	if (rc != ZTFLM_OK || io->in[0].elements > 0 || io->out[0].elements == 0) {
		return rc;
	}
	/* Outputs but no inputs: the axis is empty, and TFLM reads each row's first value. */
	memcpy(&axis, io->in[1].data, sizeof(axis));
	return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "axis %d is empty (TFLM reads past it)",
			  (int)(axis < 0 ? axis + io->in[0].dims_count : axis));
}
