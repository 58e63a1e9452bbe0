/*
 * STRIDED_SLICE: every stride-th element from begin towards end along each axis, with
 * TFLite's masks: begin and end masks (from the first or to the last element), shrink (one
 * index, axis dropped), ellipsis (the axes it stands for taken whole), new axis (a 1 inserted
 * in the output) and offset (end counted from begin).
 *
 * TFLM reads begin, end and strides as one entry per input axis and ignores the ellipsis and
 * new-axis masks and offset; it also writes nothing for a shrunk axis whose index is past the
 * end or whose stride is negative. The slice is computed as TFLite means it; a model TFLM
 * would run as a different slice is refused, one TFLM refuses is run.
 */
#include <ztflm/schema.h>

#include "common/int_at.h"
#include "ops/strided_slice.h"

/* TFLM's kernel takes inputs of rank 4 at most. */
#define TFLM_MAX_RANK 4

struct spec {
	const int32_t *begin;
	const int32_t *end;
	const int32_t *strides;
	int32_t n; /* entries of each */
	uint32_t begin_mask;
	uint32_t end_mask;
	uint32_t ellipsis_mask;
	uint32_t new_axis_mask;
	uint32_t shrink_mask;
	bool offset;
};

/* One input axis of the slice: its first element, the elements taken, the step. */
struct axis {
	int32_t start;
	int32_t count;
	int32_t stride;
	bool shrink;
};

static bool bit(uint32_t mask, int32_t i)
{
	return i < 32 && ((mask >> i) & 1u) != 0u;
}

static int32_t entry(const int32_t *v, int32_t i)
{
	return (int32_t)ztflm_int_at(v, ZTFLM_INT32, (uint32_t)i);
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

/* The iterations of for (i = start; stride > 0 ? i < stop : i > stop; i += stride). */
static int32_t iterations(int64_t start, int64_t stop, int32_t stride)
{
	const int64_t s = stride;

	if (s > 0) {
		return start < stop ? (int32_t)((stop - start + s - 1) / s) : 0;
	}
	return start > stop ? (int32_t)((start - stop - s - 1) / -s) : 0;
}

/* Axis of size dim from entry i of the spec, as TFLite means it. */
static int axis_meaning(struct ztflm_context *ctx, const struct spec *sp, int32_t i, int32_t dim,
			struct axis *a)
{
	const int32_t s = entry(sp->strides, i);
	const int64_t lo = s > 0 ? 0 : -1;
	const int64_t hi = s > 0 ? dim : (int64_t)dim - 1;
	int64_t start = entry(sp->begin, i);

	ZTFLM_CHECK(ctx, s != 0, ZTFLM_ERR_MODEL, "stride %d is 0", (int)i);
	a->stride = s;
	a->shrink = bit(sp->shrink_mask, i);
	if (a->shrink) {
		/* One element, begin's: the masks and end do not apply. */
		const int64_t index = start < 0 ? start + dim : start;

		ZTFLM_CHECK(ctx, index >= 0 && index < dim, ZTFLM_ERR_MODEL,
			    "shrunk index %d is outside an axis of %d", (int)entry(sp->begin, i),
			    (int)dim);
		ZTFLM_CHECK(ctx, s > 0, ZTFLM_ERR_UNSUPPORTED,
			    "entry %d shrinks an axis with stride %d: TFLM writes nothing", (int)i,
			    (int)s);
		a->start = (int32_t)index;
		a->count = 1;
		return ZTFLM_OK;
	}
	start = clamp(start < 0 ? start + dim : start, lo, hi);
	if (bit(sp->begin_mask, i)) {
		start = s > 0 ? 0 : (int64_t)dim - 1;
	}
	int64_t stop = entry(sp->end, i);

	if (sp->offset) {
		stop += start;
	}
	stop = clamp(stop < 0 ? stop + dim : stop, lo, hi);
	if (bit(sp->end_mask, i)) {
		stop = s > 0 ? dim : -1;
	}
	a->start = (int32_t)start;
	a->count = iterations(start, stop, s);
	return ZTFLM_OK;
}

/*
 * The slice as TFLite means it: the entries (sparse) matched to the input's axes (dense) through
 * the ellipsis (an implicit one after the last entry when there is none) and new axes; the
 * output's shape in out_dims.
 */
static int meaning(struct ztflm_context *ctx, const struct spec *sp, const struct ztflm_tensor *in,
		   struct axis *axes, int32_t *out_dims, int32_t *out_rank)
{
	const int32_t rank = in->dims_count;
	int32_t ellipsis = sp->n;
	int32_t new_after = 0;
	int32_t k = 0;

	*out_rank = 0;
	for (int32_t i = 0; i < sp->n; i++) {
		if (bit(sp->ellipsis_mask, i)) {
			ZTFLM_CHECK(ctx, ellipsis == sp->n, ZTFLM_ERR_MODEL,
				    "ellipsis_mask has more than one bit");
			ellipsis = i;
		} else if (ellipsis < sp->n && bit(sp->new_axis_mask, i)) {
			new_after++;
		}
	}
	const int32_t sparse = ellipsis == sp->n ? sp->n + 1 : sp->n;

	for (int32_t i = 0; i <= sp->n; i++) {
		if (i == ellipsis) {
			int32_t next = rank - (sparse - i) + 1 + new_after;

			for (next = next < rank ? next : rank; k < next; k++) {
				axes[k] = (struct axis){0, in->dims[k], 1, false};
				ZTFLM_CHECK(ctx, *out_rank < ZTFLM_MAX_DIMS, ZTFLM_ERR_MODEL,
					    "the slice has more than %d axes", ZTFLM_MAX_DIMS);
				out_dims[(*out_rank)++] = in->dims[k];
			}
		} else if (i == sp->n) {
			break;
		} else if (bit(sp->new_axis_mask, i)) {
			ZTFLM_CHECK(ctx, *out_rank < ZTFLM_MAX_DIMS, ZTFLM_ERR_MODEL,
				    "the slice has more than %d axes", ZTFLM_MAX_DIMS);
			out_dims[(*out_rank)++] = 1;
		} else {
			ZTFLM_CHECK(ctx, k < rank, ZTFLM_ERR_MODEL,
				    "entry %d is past the input's %d axes", (int)i, (int)rank);
			const int rc = axis_meaning(ctx, sp, i, in->dims[k], &axes[k]);

			if (rc != ZTFLM_OK) {
				return rc;
			}
			if (!axes[k].shrink) {
				ZTFLM_CHECK(ctx, *out_rank < ZTFLM_MAX_DIMS, ZTFLM_ERR_MODEL,
					    "the slice has more than %d axes", ZTFLM_MAX_DIMS);
				out_dims[(*out_rank)++] = axes[k].count;
			}
			k++;
		}
	}
	ZTFLM_CHECK(ctx, k == rank, ZTFLM_ERR_MODEL, "the entries cover %d of the input's %d axes",
		    (int)k, (int)rank);
	return ZTFLM_OK;
}

/* ceil(a / (float)b) as TFLM's prepare computes an output dimension, in float. */
static int32_t float_ceil(int64_t a, int32_t b)
{
	const float q = (float)a / (float)b;
	/* |q| is at most 2^31: a is a difference of clamped indices. */
	const int64_t t = (int64_t)q;

	return (int32_t)((float)t < q ? t + 1 : t);
}

/* Whether TFLM's prepare accepts the output's shape: the entries read one per input axis. */
static bool tflm_accepts(const struct spec *sp, const struct ztflm_tensor *in,
			 const struct ztflm_tensor *out)
{
	int32_t kept = 0;

	for (int32_t k = 0; k < in->dims_count; k++) {
		const int32_t dim = in->dims[k];
		const int32_t s = entry(sp->strides, k);
		const int64_t lo = s > 0 ? 0 : -1;
		const int64_t hi = s > 0 ? dim : (int64_t)dim - 1;
		const bool shrink = bit(sp->shrink_mask, k);
		int64_t start = entry(sp->begin, k);
		int64_t stop = entry(sp->end, k);

		if (s == 0) {
			return false;
		}
		/* Its older index rules: the masks before clamping, an empty axis at 0. */
		if (bit(sp->begin_mask, k)) {
			start = s > 0 ? INT32_MIN : INT32_MAX;
		}
		start = dim == 0 ? 0 : clamp(start < 0 ? start + dim : start, lo, hi);
		if (bit(sp->end_mask, k)) {
			stop = s > 0 ? INT32_MAX : INT32_MIN;
		}
		stop = dim == 0 ? 0 : clamp(stop < 0 ? stop + dim : stop, lo, hi);
		if (shrink) {
			continue;
		}
		int32_t n = float_ceil(stop - start, s);

		if (kept >= out->dims_count || out->dims[kept] != (n < 0 ? 0 : n)) {
			return false;
		}
		kept++;
	}
	return kept == out->dims_count;
}

/* Axis k as TFLM's eval slices it. */
static struct axis tflm_axis(const struct spec *sp, int32_t k, int32_t dim)
{
	const int32_t s = entry(sp->strides, k);
	const int64_t lo = s > 0 ? 0 : -1;
	const int64_t hi = s > 0 ? dim : (int64_t)dim - 1;
	int64_t start = entry(sp->begin, k);
	int64_t stop = entry(sp->end, k);

	start = clamp(start < 0 ? start + dim : start, lo, hi);
	if (bit(sp->begin_mask, k)) {
		start = s > 0 ? 0 : (int64_t)dim - 1;
	}
	if (bit(sp->shrink_mask, k)) {
		stop = start >= dim ? start : start + 1;
	} else {
		stop = clamp(stop < 0 ? stop + dim : stop, lo, hi);
		if (bit(sp->end_mask, k)) {
			stop = s > 0 ? dim : -1;
		}
	}
	return (struct axis){(int32_t)start, iterations(start, stop, s), s, false};
}

static bool empty(const struct axis *axes, int32_t rank)
{
	for (int32_t k = 0; k < rank; k++) {
		if (axes[k].count == 0) {
			return true;
		}
	}
	return false;
}

/* Whether TFLM's eval copies the same elements in the same order as axes say. */
static bool tflm_agrees(const struct spec *sp, const struct ztflm_tensor *in,
			const struct axis *axes)
{
	struct axis theirs[TFLM_MAX_RANK];
	const int32_t rank = in->dims_count;

	for (int32_t k = 0; k < rank; k++) {
		theirs[k] = tflm_axis(sp, k, in->dims[k]);
	}
	if (empty(axes, rank) || empty(theirs, rank)) {
		return empty(axes, rank) && empty(theirs, rank);
	}
	for (int32_t k = 0; k < rank; k++) {
		if (theirs[k].count != axes[k].count || theirs[k].start != axes[k].start ||
		    (axes[k].count > 1 && theirs[k].stride != axes[k].stride)) {
			return false;
		}
	}
	return true;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_strided *nest = params;
	const int32_t rank = in->dims_count;
	struct axis axes[ZTFLM_MAX_DIMS];
	int32_t out_dims[ZTFLM_MAX_DIMS];
	int32_t in_strides[ZTFLM_MAX_DIMS];
	int32_t out_rank;
	int32_t base = 0;
	struct spec sp;

	/* TFLM reads them at prepare: they must be in the model. */
	for (int32_t i = 1; i <= 3; i++) {
		ZTFLM_CHECK(ctx, io->in[i].type == ZTFLM_INT32 && io->in[i].is_const,
			    ZTFLM_ERR_UNSUPPORTED,
			    "begin, end and strides must be constant int32 tensors");
		ZTFLM_CHECK(ctx, io->in[i].dims_count == 1 &&
					 io->in[i].elements == io->in[1].elements,
			    ZTFLM_ERR_MODEL, "begin, end and strides must be vectors of one length");
	}
	sp.begin = io->in[1].data;
	sp.end = io->in[2].data;
	sp.strides = io->in[3].data;
	sp.n = (int32_t)io->in[1].elements;
	/* TFLM reads an entry for every input axis. */
	ZTFLM_CHECK(ctx, sp.n >= rank, ZTFLM_ERR_MODEL,
		    "begin has %d entries for an input of rank %d: TFLM reads %d", (int)sp.n,
		    (int)rank, (int)rank);
	sp.begin_mask = (uint32_t)ztflm_option_i32(ctx, ZTFLM_STRIDED_SLICE_BEGIN_MASK, 0);
	sp.end_mask = (uint32_t)ztflm_option_i32(ctx, ZTFLM_STRIDED_SLICE_END_MASK, 0);
	sp.ellipsis_mask = (uint32_t)ztflm_option_i32(ctx, ZTFLM_STRIDED_SLICE_ELLIPSIS_MASK, 0);
	sp.new_axis_mask = (uint32_t)ztflm_option_i32(ctx, ZTFLM_STRIDED_SLICE_NEW_AXIS_MASK, 0);
	sp.shrink_mask = (uint32_t)ztflm_option_i32(ctx, ZTFLM_STRIDED_SLICE_SHRINK_AXIS_MASK, 0);
	sp.offset = ztflm_option_bool(ctx, ZTFLM_STRIDED_SLICE_OFFSET, false);

	int rc = meaning(ctx, &sp, in, axes, out_dims, &out_rank);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, out->dims_count == out_rank, ZTFLM_ERR_MODEL,
		    "output rank %d is not the slice's %d", (int)out->dims_count, (int)out_rank);
	for (int32_t d = 0; d < out_rank; d++) {
		ZTFLM_CHECK(ctx, out->dims[d] == out_dims[d], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, the slice's is %d", (int)d,
			    (int)out->dims[d], (int)out_dims[d]);
	}
	ZTFLM_CHECK(ctx,
		    rank > TFLM_MAX_RANK || !tflm_accepts(&sp, in, out) ||
			    tflm_agrees(&sp, in, axes),
		    ZTFLM_ERR_UNSUPPORTED,
		    "TFLM runs this node as another slice (it reads one entry per axis, without "
		    "ellipsis, new axes or offset)");
	ztflm_strided_shape(in->dims, rank, in_strides);
	if (empty(axes, rank)) {
		/* An empty input is an empty slice: its strides may have saturated. */
		ztflm_strided_begin(nest, 0);
		ztflm_strided_push(nest, 0, 0);
		ztflm_strided_end(nest);
		return ZTFLM_OK;
	}
	for (int32_t k = 0; k < rank; k++) {
		base += axes[k].start * in_strides[k];
	}
	ztflm_strided_begin(nest, base);
	for (int32_t k = rank - 1; k >= 0; k--) {
		/* A stride matters only over two elements or more, where it stays inside the axis. */
		ztflm_strided_push(nest, (uint32_t)axes[k].count,
				   axes[k].count > 1 ? axes[k].stride * in_strides[k] : 0);
	}
	ztflm_strided_end(nest);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_strided_slice_s8_ref,  &ztflm_strided_slice_bool_ref, &ztflm_strided_slice_s16_ref,
	&ztflm_strided_slice_s32_ref, &ztflm_strided_slice_f32_ref,
};

const struct ztflm_op ztflm_op_strided_slice = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_STRIDED_SLICE,
	.options = ZTFLM_OPTIONS_STRIDED_SLICE,
	.inputs_min = 4,
	.inputs_max = 4,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_strided),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
