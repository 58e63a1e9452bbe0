/* MEAN: axes from the constant tensor, the loop nest, the quantized rescale. */
#include <string.h>

#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/mean.h"

/* Bit mask of the reduced dimensions from the axis tensor (negative axes count from the end). */
static int reduced_mask(struct ztflm_context *ctx, const struct ztflm_tensor *axis, int32_t rank,
			uint32_t *mask)
{
	*mask = 0;
	ZTFLM_CHECK(ctx, axis->is_const && axis->data != NULL, ZTFLM_ERR_UNSUPPORTED,
		    "the axis tensor must be constant");
	if (axis->type != ZTFLM_INT32) {
		return ztflm_fail_type(ctx, "axis", axis->type);
	}
	if (rank == 0) {
		/* TFLM ignores the axes of a scalar. */
		return ZTFLM_OK;
	}
	for (uint32_t i = 0; i < axis->elements; i++) {
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
		    "output has rank %d but the mean has rank %d", (int)out->dims_count, (int)o);
	return ZTFLM_OK;
}

/* Append a loop to a nest, fusing it into the previous one when they walk contiguously. */
static void add_loop(struct ztflm_mean_dim *loops, uint32_t *n, uint32_t count, uint32_t stride)
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

static int quant_params(struct ztflm_context *ctx, const struct ztflm_tensor *in,
			const struct ztflm_tensor *out, struct ztflm_mean_params *p)
{
	p->input_zero_point = in->zero_point;
	p->output_zero_point = out->zero_point;
	ztflm_quantize_multiplier((double)in->scale / (double)out->scale, &p->multiplier,
				  &p->shift);
	if (p->reduced_count > 0) {
		/*
		 * TFLM folds 1/count into the multiplier: scale it up by the
		 * largest power of two not above count (at most 2^32, and so that
		 * the shift stays >= -31), divide, and shift back.
		 */
		int32_t s = 0;

		for (uint32_t v = p->reduced_count; v > 1; v >>= 1) {
			s++;
		}
		if (s > 31 + p->shift) {
			s = 31 + p->shift;
		}
		p->multiplier = (int32_t)(((int64_t)p->multiplier << s) /
					  (int64_t)p->reduced_count);
		p->shift -= s;
	}
	/* Larger left shifts would shift out every bit (and be undefined in C). */
	ZTFLM_CHECK(ctx, p->shift <= 31, ZTFLM_ERR_UNSUPPORTED,
		    "input scale too large for the output scale");
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_mean_dim kept[ZTFLM_MAX_DIMS];
	struct ztflm_mean_dim red[ZTFLM_MAX_DIMS];
	struct ztflm_mean_params p = {0};
	uint32_t mask = 0;

	(void)unused;
	ZTFLM_CHECK(ctx, in->dims_count <= ZTFLM_MAX_DIMS, ZTFLM_ERR_UNSUPPORTED,
		    "rank %d is more than the %d supported", (int)in->dims_count, ZTFLM_MAX_DIMS);
	int rc = reduced_mask(ctx, &io->in[1], in->dims_count, &mask);

	if (rc == ZTFLM_OK) {
		rc = check_output(ctx, in, out, mask,
				  ztflm_option_bool(ctx, ZTFLM_REDUCER_KEEP_DIMS, false));
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}

	uint32_t stride = 1;

	p.reduced_count = 1;
	for (int32_t d = in->dims_count; d-- > 0;) {
		const uint32_t count = (uint32_t)in->dims[d];

		if ((mask >> d) & 1u) {
			p.reduced_count *= count;
		}
		stride *= count;
	}
	if (in->elements == 0) {
		/* Nothing to add up: every output is 0, as TFLM's int path gives. */
		kept[0].count = out->elements;
		kept[0].stride = 0;
		p.n_kept = 1;
		p.reduced_count = 0;
	} else {
		/* Outermost first, so walk the dimensions forwards with their strides. */
		for (int32_t d = 0; d < in->dims_count; d++) {
			const uint32_t count = (uint32_t)in->dims[d];

			stride /= count;
			if ((mask >> d) & 1u) {
				add_loop(red, &p.n_reduced, count, stride);
			} else {
				add_loop(kept, &p.n_kept, count, stride);
			}
		}
	}
	if (in->type != ZTFLM_FLOAT32) {
		rc = quant_params(ctx, in, out, &p);
		if (rc != ZTFLM_OK) {
			return rc;
		}
	}

	const uint32_t nloops = p.n_kept + p.n_reduced;
	struct ztflm_mean_params *op = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*op) + nloops * sizeof(struct ztflm_mean_dim)));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	struct ztflm_mean_dim *loops = (struct ztflm_mean_dim *)(void *)(op + 1);

	*op = p;
	for (uint32_t i = 0; i < p.n_kept; i++) {
		loops[i] = kept[i];
	}
	for (uint32_t i = 0; i < p.n_reduced; i++) {
		loops[p.n_kept + i] = red[i];
	}
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_mean_s8_ref,
	&ztflm_mean_s16_ref,
	&ztflm_mean_f32_ref,
};

const struct ztflm_op ztflm_op_mean = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_MEAN,
	.options = ZTFLM_OPTIONS_REDUCER,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
