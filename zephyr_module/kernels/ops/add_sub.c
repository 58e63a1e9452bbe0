/* The parse and quantization parameters ADD and SUB share. */
#include <stddef.h>

#include "ops/add_sub.h"

static int multiplier_below_one(struct ztflm_context *ctx, double real, int32_t *multiplier,
				int8_t *shift)
{
	int32_t s = 0;
	const int rc = ztflm_quantize_multiplier_below_one(
		ctx, real, "the output scale is too small for the input scales", multiplier, &s);

	*shift = (int8_t)s;
	return rc;
}

int ztflm_add_sub_quant_params(struct ztflm_context *ctx, const struct ztflm_io *io, int32_t act,
			       void *params)
{
	struct ztflm_add_sub_params *p = params;
	const struct ztflm_tensor *in1 = &io->in[0];
	const struct ztflm_tensor *in2 = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];

	/* Both inputs go to a common scale with 20 (int16: 15) bits of headroom. */
	p->left_shift = out->type == ZTFLM_INT16 ? 15 : 20;
	p->input1_offset = -in1->zero_point;
	p->input2_offset = -in2->zero_point;
	p->output_offset = out->zero_point;

	const float max_scale = in1->scale < in2->scale ? in2->scale : in1->scale;
	const double twice_max = 2.0 * (double)max_scale;
	int rc = multiplier_below_one(ctx, (double)in1->scale / twice_max, &p->input1_multiplier,
				      &p->input1_shift);

	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(ctx, (double)in2->scale / twice_max,
					  &p->input2_multiplier, &p->input2_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = multiplier_below_one(
			ctx, twice_max / ((double)(1 << p->left_shift) * (double)out->scale),
			&p->output_multiplier, &p->output_shift);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_activation_range_quantized(ctx, act, out->scale, out->zero_point,
						      out->type, &p->act.q.min, &p->act.q.max);
	}
	return rc;
}

int ztflm_add_sub_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
			ztflm_arith_setup int32_setup)
{
	return ztflm_arith_parse(ctx, io, sizeof(struct ztflm_add_sub_params),
				 offsetof(struct ztflm_add_sub_params, act), int32_setup,
				 ztflm_add_sub_quant_params);
}
