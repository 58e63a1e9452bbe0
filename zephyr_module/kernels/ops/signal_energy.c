/* SignalEnergy: the energy (re^2 + im^2) of the complex int16 bins [start_index, end_index). */
#include "ops/signal.h"

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const keys[] = {"end_index", "start_index"};
	struct ztflm_signal_energy_params *p = params;
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_flex v[2];
	int32_t start = 0;
	int32_t end = 0;
	int rc = ztflm_signal_tensor(ctx, "input", in, ZTFLM_INT16, 1);

	if (rc == ZTFLM_OK) {
		rc = ztflm_signal_tensor(ctx, "output", out, ZTFLM_UINT32, 1);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_exactly(ctx, keys, 2, v);
	}
	/* TFLM reads bin i and writes output i for each i in the range: both must hold it. */
	const uint32_t bins = in->elements / 2u < out->elements ? in->elements / 2u : out->elements;

	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[1], "start_index", 0, (int32_t)bins, &start);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_slot_int(ctx, &v[0], "end_index", 0, (int32_t)bins, &end);
	}
	p->start = (uint32_t)start;
	p->end = (uint32_t)end;
	p->size = out->elements;
	return rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_signal_energy_s16_ref,
};

const struct ztflm_op ztflm_op_signal_energy = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "SignalEnergy",
	.inputs_min = 1,
	.inputs_max = 1,
	.outputs_min = 1,
	.outputs_max = 1,
	.params_bytes = sizeof(struct ztflm_signal_energy_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
