/* CUMSUM: running sums of float32 or int8 along one axis, constant or read at run time. */
#include <string.h>

#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/cumsum.h"

/* The axis shifted into [0, rank) when it is inside the input's rank, else -1. */
static int32_t resolve(int32_t axis, int32_t rank)
{
	const int32_t a = axis < 0 ? axis + rank : axis;

	return a >= 0 && a < rank ? a : -1;
}

/* TFLM QuantizeMultiplierSmallerThanOneExp, which aborts outside (0, 1). */
static int smaller_than_one(struct ztflm_context *ctx, double real, int32_t *m, int32_t *shift)
{
	ZTFLM_CHECK(ctx, real > 0.0 && real < 1.0, ZTFLM_ERR_UNSUPPORTED,
		    "input scale over 2^19 times the output scale (TFLM aborts on it)");
	ztflm_quantize_multiplier(real, m, shift);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *axis = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_cumsum_params *p = params;

	ZTFLM_CHECK(ctx, in->dims_count >= 1 && in->dims_count <= ZTFLM_MAX_DIMS,
		    ZTFLM_ERR_MODEL, "input rank %d is not 1 to %d", (int)in->dims_count,
		    ZTFLM_MAX_DIMS);
	ZTFLM_CHECK(ctx, axis->type == ZTFLM_INT32 && axis->elements == 1, ZTFLM_ERR_MODEL,
		    "the axis must be one int32 value");
	int rc = ztflm_check_output_shape(ctx, io, in->dims, in->dims_count);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	for (int32_t d = 0; d < in->dims_count; d++) {
		p->dims[d] = (uint32_t)in->dims[d];
	}
	p->rank = in->dims_count;
	p->axis = -1;
	if (axis->is_const) {
		int32_t a;

		memcpy(&a, axis->data, sizeof(a));
		p->axis = resolve(a, p->rank);
		ZTFLM_CHECK(ctx, p->axis >= 0, ZTFLM_ERR_MODEL, "axis %d is out of range for rank %d",
			    (int)a, (int)p->rank);
	}
	p->exclusive = ztflm_option_bool(ctx, ZTFLM_CUMSUM_EXCLUSIVE, false);
	p->reverse = ztflm_option_bool(ctx, ZTFLM_CUMSUM_REVERSE, false);
	if (in->type == ZTFLM_FLOAT32) {
		return ZTFLM_OK;
	}
	const double twice_input_scale = 2.0 * (double)in->scale;

	p->input_offset = -in->zero_point;
	p->output_offset = out->zero_point;
	rc = smaller_than_one(ctx, (double)in->scale / twice_input_scale, &p->input_multiplier,
			      &p->input_shift);
	if (rc == ZTFLM_OK) {
		rc = smaller_than_one(ctx, twice_input_scale / ((1 << 20) * (double)out->scale),
				      &p->output_multiplier, &p->output_shift);
	}
	return rc;
}

bool ztflm_cumsum_extent(struct ztflm_context *ctx, const struct ztflm_cumsum_params *p,
			 uint32_t *outer, uint32_t *depth, uint32_t *inner)
{
	int32_t axis = p->axis;

	if (axis < 0) {
		int32_t a;

		memcpy(&a, ztflm_input_data(ctx, 1), sizeof(a));
		axis = resolve(a, p->rank);
		if (axis < 0) {
			(void)ztflm_fail(ctx, ZTFLM_ERR_KERNEL, "axis %d is out of range for rank %d",
					 (int)a, (int)p->rank);
			return false;
		}
	}
	*outer = 1;
	*inner = 1;
	for (int32_t d = 0; d < p->rank; d++) {
		if (d < axis) {
			*outer *= p->dims[d];
		} else if (d > axis) {
			*inner *= p->dims[d];
		}
	}
	*depth = p->dims[axis];
	return true;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_cumsum_s8_ref,
	&ztflm_cumsum_f32_ref,
};

const struct ztflm_op ztflm_op_cumsum = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUMSUM,
	.options = ZTFLM_OPTIONS_CUMSUM,
	.inputs_min = 2,
	.inputs_max = 2,
	.outputs_min = 1,
	.outputs_max = 1,
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_cumsum_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
