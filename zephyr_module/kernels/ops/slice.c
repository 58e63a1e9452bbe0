/* SLICE: a block of the input from begin, size elements along each axis (-1: to the end). */
#include <stddef.h>
#include <string.h>

#include "common/int_at.h"
#include "common/size.h"
#include "ops/slice.h"

int ztflm_slice_start(struct ztflm_context *ctx, const struct ztflm_slice_shape *shape,
		      uint32_t rank, const void *begin, const void *size, uint8_t index_type,
		      int code, int32_t *start)
{
	int64_t at = 0;

	for (uint32_t d = 0; d < rank; d++) {
		const int64_t b = ztflm_int_at(begin, index_type, d);
		const int64_t dim = shape->in_dims[d];
		int64_t n = ztflm_int_at(size, index_type, d);

		/* TFLM takes neither a negative begin nor a size below -1 (it reads outside). */
		ZTFLM_CHECK(ctx, b >= 0 && b <= dim, code, "begin %d is outside 0..%d on axis %u",
			    (int)ztflm_saturate_i32(b), (int)dim, (unsigned)d);
		if (n == -1) {
			n = dim - b;
		}
		ZTFLM_CHECK(ctx, n >= 0 && n <= dim - b && n == shape->out_dims[d], code,
			    "size %d from %d on axis %u: not the output's %d inside the input's %d",
			    (int)ztflm_saturate_i32(n), (int)b,
			    (unsigned)d, (int)shape->out_dims[d], (int)dim);
		at += b * shape->in_strides[d];
	}
	/* Inside the input, so below 2^30, unless it is empty (and nothing is read). */
	*start = at < INT32_MAX ? (int32_t)at : 0;
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *begin = &io->in[1];
	const struct ztflm_tensor *size = &io->in[2];
	const struct ztflm_tensor *out = &io->out[0];
	const uint32_t rank = (uint32_t)in->dims_count;
	struct ztflm_slice_shape shape;
	int32_t start;

	(void)unused;
	ZTFLM_CHECK(ctx, in->dims_count <= ZTFLM_SLICE_MAX_RANK, ZTFLM_ERR_UNSUPPORTED,
		    "input rank %d is above %d", (int)in->dims_count, ZTFLM_SLICE_MAX_RANK);
	ZTFLM_CHECK(ctx, (begin->type == ZTFLM_INT32 || begin->type == ZTFLM_INT64) &&
				 size->type == begin->type,
		    ZTFLM_ERR_UNSUPPORTED, "begin and size must be both int32 or both int64");
	/* TFLM reads rank entries of each. */
	ZTFLM_CHECK(ctx, begin->dims_count == 1 && begin->elements == rank &&
				 size->dims_count == 1 && size->elements == rank,
		    ZTFLM_ERR_MODEL, "begin and size must list %u entries each, not %u and %u",
		    (unsigned)rank, (unsigned)begin->elements, (unsigned)size->elements);
	ZTFLM_CHECK(ctx, out->dims_count == in->dims_count, ZTFLM_ERR_MODEL,
		    "output rank %d is not the input's %d", (int)out->dims_count,
		    (int)in->dims_count);
	for (uint32_t d = 0; d < rank; d++) {
		/* Whatever begin and size hold at run time, the block lies inside the input. */
		ZTFLM_CHECK(ctx, out->dims[d] <= in->dims[d], ZTFLM_ERR_MODEL,
			    "output dimension %u (%d) is larger than the input's (%d)", (unsigned)d,
			    (int)out->dims[d], (int)in->dims[d]);
	}
	const bool constant = begin->is_const && size->is_const;
	struct ztflm_slice_params *p = ztflm_alloc_op_data(
		ctx, constant ? (uint32_t)offsetof(struct ztflm_slice_params, shape)
			      : (uint32_t)sizeof(struct ztflm_slice_params));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	memcpy(shape.in_dims, in->dims, rank * sizeof(int32_t));
	memcpy(shape.out_dims, out->dims, rank * sizeof(int32_t));
	ztflm_strided_shape(in->dims, in->dims_count, shape.in_strides);
	p->rank = rank;
	start = 0;
	if (constant) {
		const int rc = ztflm_slice_start(ctx, &shape, rank, begin->data, size->data,
						 begin->type, ZTFLM_ERR_MODEL, &start);

		if (rc != ZTFLM_OK) {
			return rc;
		}
	} else {
		p->index_type = begin->type;
		p->shape = shape;
	}
	ztflm_strided_begin(&p->nest, start);
	for (int32_t d = (int32_t)rank - 1; d >= 0; d--) {
		ztflm_strided_push(&p->nest, (uint32_t)out->dims[d], shape.in_strides[d]);
	}
	ztflm_strided_end(&p->nest);
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_slice_s8_ref,  &ztflm_slice_bool_ref, &ztflm_slice_s16_ref,
	&ztflm_slice_s32_ref, &ztflm_slice_f32_ref,
};

const struct ztflm_op ztflm_op_slice = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SLICE,
	.options = ZTFLM_OPTIONS_SLICE,
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
