/* REVERSE_V2: reverses the input along a list of axes (constant, or computed at run time). */
#include "common/int_at.h"
#include "ops/reverse_v2.h"

int ztflm_reverse_v2_plan(struct ztflm_context *ctx, const struct ztflm_reverse_v2_params *p,
			  struct ztflm_strided *nest, const int32_t *axes, uint32_t count)
{
	const int32_t rank = (int32_t)p->rank;
	int32_t strides[ZTFLM_MAX_DIMS];
	uint32_t reversed = 0;
	int32_t base = 0;

	for (uint32_t i = 0; i < count; i++) {
		const int32_t a = (int32_t)ztflm_int_at(axes, ZTFLM_INT32, i);
		const int32_t axis = a < 0 ? a + rank : a;

		ZTFLM_CHECK(ctx, axis >= 0 && axis < rank && !(reversed & (1u << axis)),
			    ZTFLM_ERR_MODEL, "axis entry %u is %d: not an unused axis of rank %d",
			    (unsigned)i, (int)a, (int)rank);
		reversed |= 1u << axis;
	}
	ztflm_strided_shape(p->dims, rank, strides);
	for (int32_t d = 0; d < rank; d++) {
		if (p->dims[d] == 0) {
			base = 0; /* nothing to walk: the strides may have saturated */
			break;
		}
		if (reversed & (1u << d)) {
			base += (p->dims[d] - 1) * strides[d];
		}
	}
	ztflm_strided_begin(nest, base);
	for (int32_t d = rank - 1; d >= 0; d--) {
		ztflm_strided_push(nest, (uint32_t)p->dims[d],
				   (reversed & (1u << d)) ? -strides[d] : strides[d]);
	}
	ztflm_strided_end(nest);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *axes = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_reverse_v2_params *p = params;

	ZTFLM_CHECK(ctx, axes->type == ZTFLM_INT32, ZTFLM_ERR_UNSUPPORTED,
		    "the axes must be an int32 tensor, not %s", ztflm_type_name(axes->type));
	/* No axis at all: TFLM reads the entry before its first. */
	ZTFLM_CHECK(ctx, axes->dims_count == 1 && axes->elements >= 1 &&
				 axes->elements <= (uint32_t)in->dims_count,
		    ZTFLM_ERR_MODEL, "the axes tensor must list 1 to %d axes, not %u",
		    (int)in->dims_count, (unsigned)axes->elements);
	ZTFLM_CHECK(ctx, out->dims_count == in->dims_count, ZTFLM_ERR_MODEL,
		    "output rank %d is not the input's %d", (int)out->dims_count,
		    (int)in->dims_count);
	for (int32_t d = 0; d < in->dims_count; d++) {
		ZTFLM_CHECK(ctx, out->dims[d] == in->dims[d], ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, the input's is %d", (int)d,
			    (int)out->dims[d], (int)in->dims[d]);
		p->dims[d] = in->dims[d];
	}
	p->rank = (uint32_t)in->dims_count;
	if (!axes->is_const) {
		p->axes_at_eval = 1;
		return ZTFLM_OK;
	}
	return ztflm_reverse_v2_plan(ctx, p, &p->nest, axes->data, axes->elements);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_reverse_v2_s8_ref,  &ztflm_reverse_v2_u8_ref,  &ztflm_reverse_v2_bool_ref,
	&ztflm_reverse_v2_s16_ref, &ztflm_reverse_v2_s32_ref, &ztflm_reverse_v2_s64_ref,
	&ztflm_reverse_v2_f32_ref,
};

const struct ztflm_op ztflm_op_reverse_v2 = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_REVERSE_V2,
	.options = ZTFLM_OPTIONS_REVERSE_V2,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_reverse_v2_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
