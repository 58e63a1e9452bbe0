/* FULLY_CONNECTED: the input seen as batches x depth, against units x depth weights. */
#include "ops/fully_connected.h"

ZTFLM_COLD
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *filter = &io->in[1];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_fc_params p = {0};
	struct ztflm_fc_params *op;
	struct ztflm_conv_quant q;

	(void)unused;
	ZTFLM_CHECK(ctx, ztflm_option_i8(ctx, ZTFLM_FC_WEIGHTS_FORMAT, 0) == 0,
		    ZTFLM_ERR_UNSUPPORTED, "shuffled weights are not supported");
	ZTFLM_CHECK(ctx, filter->dims_count >= 2 && out->dims_count >= 1, ZTFLM_ERR_MODEL,
		    "filter rank %d and output rank %d are too small", (int)filter->dims_count,
		    (int)out->dims_count);
	/* As TFLM: batches and units from the output, the depth from the filter. */
	uint64_t batches = 1;

	for (int32_t i = 0; i + 1 < out->dims_count; i++) {
		batches *= (uint64_t)(uint32_t)out->dims[i];
	}
	p.output_depth = out->dims[out->dims_count - 1];
	p.accum_depth = filter->dims[filter->dims_count - 1];
	const int32_t units = filter->dims[filter->dims_count - 2];

	ZTFLM_CHECK(ctx, units == p.output_depth, ZTFLM_ERR_MODEL,
		    "filter has %d units but the output %d", (int)units, (int)p.output_depth);
	ZTFLM_CHECK(ctx, batches * (uint64_t)(uint32_t)p.accum_depth == in->elements &&
				 batches <= INT32_MAX,
		    ZTFLM_ERR_MODEL, "input of %u elements is not %u batches of depth %d",
		    in->elements, (unsigned int)batches, (int)p.accum_depth);
	p.batches = (int32_t)batches;

	const bool acc32 = ztflm_option_i8(ctx, ZTFLM_FC_QUANTIZED_BIAS_TYPE, ZTFLM_FLOAT32) ==
			   ZTFLM_INT32;
	const int rc = ztflm_conv_setup(ctx, io,
					ztflm_option_i8(ctx, ZTFLM_FC_ACTIVATION, ZTFLM_ACT_NONE),
					p.output_depth, sizeof(p),
					ZTFLM_CONV_FC | (acc32 ? ZTFLM_CONV_ACC32 : 0u), &q,
					(void **)&op);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	p.filter_offset = q.filter_offset;
	ZTFLM_CONV_QUANT_SET(p, q);
	*op = p;
	return ZTFLM_OK;
}

ZTFLM_CONV_EVAL(ztflm_fully_connected_s8_eval, struct ztflm_fc_params,
		ztflm_fully_connected_s8_fn, output_depth)

ZTFLM_CONV_EVAL(ztflm_fully_connected_s16_eval, struct ztflm_fc_params,
		ztflm_fully_connected_s16_fn, output_depth)

ZTFLM_CONV_INT4(ztflm_fully_connected_int4, struct ztflm_fc_params)

uint32_t ztflm_fully_connected_int4_scratch(const void *params)
{
	const struct ztflm_fc_params *p = params;

	return p->filter_int4 ? (uint32_t)p->accum_depth : 0u;
}

/* INT4 weights first: the int8 variants after them read int8 weights. */
static const struct ztflm_variant *const variants[] = {
	ZTFLM_CMSIS_NN(&ztflm_fully_connected_s4_cmsis_nn)
	&ztflm_fully_connected_s4_ref,
	ZTFLM_ARM_MVE(&ztflm_fully_connected_s8_arm_mve, &ztflm_fully_connected_s16_arm_mve)
	ZTFLM_ARM_DSP(&ztflm_fully_connected_s8_arm_dsp, &ztflm_fully_connected_s16_arm_dsp)
	ZTFLM_CMSIS_NN(&ztflm_fully_connected_s8_cmsis_nn, &ztflm_fully_connected_s16_cmsis_nn)
	/* Helium and DSP run every int8 node: their offsets and ranges are the checked ones. */
	ZTFLM_UNLESS_ARM_DSP_OR_MVE(&ztflm_fully_connected_s8_ref)
	&ztflm_fully_connected_s16_ref,
	&ztflm_fully_connected_f32_ref,
};

const struct ztflm_op ztflm_op_fully_connected = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_FULLY_CONNECTED,
	.options = ZTFLM_OPTIONS_FULLY_CONNECTED,
	.inputs_min = 2,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.optional = ZTFLM_IN(2),
	.same_type = ZTFLM_OUT(0),
	.quantized = ZTFLM_IN(0) | ZTFLM_OUT(0),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
