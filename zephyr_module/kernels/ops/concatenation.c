/* CONCATENATION: shape checks and row sizes; float32, int8, int16, int32, int64 and bool. */
#include <ztflm/schema.h>

#include "ops/concatenation.h"

static int check_input(struct ztflm_context *ctx, int32_t i, const struct ztflm_tensor *in,
		       const struct ztflm_tensor *out, int32_t axis)
{
	ZTFLM_MSG_ONLY(i);
	/* The descriptor's type set reaches input 23; later ones are checked here. */
	ZTFLM_CHECK(ctx, in->type == out->type, ZTFLM_ERR_MODEL,
		    "input %d type %s differs from the output type %s", (int)i,
		    ztflm_type_name(in->type), ztflm_type_name(out->type));
	ZTFLM_CHECK(ctx, in->dims_count == out->dims_count, ZTFLM_ERR_MODEL,
		    "input %d has rank %d but the output has rank %d", (int)i,
		    (int)in->dims_count, (int)out->dims_count);
	for (int32_t d = 0; d < out->dims_count; d++) {
		ZTFLM_CHECK(ctx, d == axis || in->dims[d] == out->dims[d], ZTFLM_ERR_MODEL,
			    "input %d dimension %d is %d but the output's is %d", (int)i, (int)d,
			    (int)in->dims[d], (int)out->dims[d]);
		ZTFLM_CHECK(ctx, in->dims[d] >= 0, ZTFLM_ERR_MODEL,
			    "input %d has a negative dimension", (int)i);
	}
	if (in->type == ZTFLM_INT8) {
		/* TFLM does not rescale int8 inputs. */
		ZTFLM_CHECK(ctx, in->scale == out->scale && in->zero_point == out->zero_point,
			    ZTFLM_ERR_UNSUPPORTED,
			    "input %d quantization differs from the output's (no rescaling)",
			    (int)i);
	} else if (in->type == ZTFLM_INT16) {
		ZTFLM_CHECK(ctx, in->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
			    "input %d: int16 needs a zero point of 0, not %d", (int)i,
			    (int)in->zero_point);
	}
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_tensor in;

	(void)unused;
	ZTFLM_CHECK(ctx, ztflm_option_i8(ctx, ZTFLM_CONCAT_ACTIVATION, ZTFLM_ACT_NONE) ==
				 ZTFLM_ACT_NONE,
		    ZTFLM_ERR_UNSUPPORTED, "fused activations are not supported");
	ZTFLM_CHECK(ctx, out->type != ZTFLM_INT16 || out->zero_point == 0, ZTFLM_ERR_UNSUPPORTED,
		    "int16 needs a zero point of 0, not %d", (int)out->zero_point);

	int32_t axis = ztflm_option_i32(ctx, ZTFLM_CONCAT_AXIS, 0);

	if (axis < 0) {
		axis += out->dims_count;
	}
	ZTFLM_CHECK(ctx, axis >= 0 && axis < out->dims_count, ZTFLM_ERR_MODEL,
		    "axis %d is out of range for rank %d",
		    (int)ztflm_option_i32(ctx, ZTFLM_CONCAT_AXIS, 0), (int)out->dims_count);

	struct ztflm_concatenation_params *p = ztflm_alloc_op_data(
		ctx, (uint32_t)(sizeof(*p) + (uint32_t)ctx->inputs_count * sizeof(uint32_t)));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	/* Bytes of one element times the dimensions after the axis. */
	uint32_t inner = ztflm_type_size(out->type);
	int64_t axis_sum = 0;

	p->outer = 1;
	for (int32_t d = 0; d < out->dims_count; d++) {
		if (d < axis) {
			p->outer *= (uint32_t)out->dims[d];
		} else if (d > axis) {
			inner *= (uint32_t)out->dims[d];
		}
	}
	for (int32_t i = 0; i < ctx->inputs_count; i++) {
		int rc = ztflm_get_input(ctx, i, &in);

		if (rc == ZTFLM_OK) {
			rc = check_input(ctx, i, &in, out, axis);
		}
		if (rc != ZTFLM_OK) {
			return rc;
		}
		axis_sum += in.dims[axis];
		p->input_row[i] = (uint32_t)in.dims[axis] * inner;
	}
	ZTFLM_CHECK(ctx, axis_sum == out->dims[axis], ZTFLM_ERR_MODEL,
		    "the inputs add up to %d along the axis but the output has %d",
		    (int)axis_sum, (int)out->dims[axis]);
	p->output_row = (uint32_t)out->dims[axis] * inner;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_concatenation_f32_ref,  &ztflm_concatenation_s8_ref,  &ztflm_concatenation_s16_ref,
	&ztflm_concatenation_s32_ref,  &ztflm_concatenation_s64_ref, &ztflm_concatenation_bool_ref,
};

const struct ztflm_op ztflm_op_concatenation = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CONCATENATION,
	.options = ZTFLM_OPTIONS_CONCATENATION,
	.inputs_min = 1,
	.inputs_max = UINT8_MAX,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_ALL_IN | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
