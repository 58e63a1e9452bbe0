/* The element-wise binary family's shared node layer: broadcast planning and the nest walk. */
#include <ztflm/schema.h>

#include "common/quant.h"
#include "ops/binary.h"

int ztflm_binary_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		       uint32_t params_bytes, void **params)
{
	struct ztflm_bcast_dim dims[ZTFLM_MAX_DIMS];
	uint32_t ndims = 0;
	const int rc = ztflm_bcast_plan(ctx, &io->in[0], &io->in[1], &io->out[0], dims, &ndims);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	uint8_t *p = ztflm_alloc_op_data(ctx, params_bytes + ztflm_bcast_bytes(ndims));

	if (p == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	struct ztflm_bcast *b = (struct ztflm_bcast *)(void *)(p + params_bytes);
	struct ztflm_bcast_dim *loops = (struct ztflm_bcast_dim *)(void *)(b + 1);

	b->ndims = ndims;
	for (uint32_t i = 0; i < ndims; i++) {
		loops[i] = dims[i];
	}
	*params = p;
	return ZTFLM_OK;
}

int ztflm_binary_parse_plain(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	void *p;

	(void)unused;
	return ztflm_binary_parse(ctx, io, 0, &p);
}

int ztflm_arith_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		      uint32_t params_bytes, uint32_t act_offset, ztflm_arith_setup int32_setup,
		      ztflm_arith_setup quant_setup)
{
	const int32_t act = ztflm_option_i8(ctx, ZTFLM_ARITH_ACTIVATION, ZTFLM_ACT_NONE);
	uint8_t *p;
	const int rc = ztflm_binary_parse(ctx, io, params_bytes, (void **)&p);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	if (io->out[0].type == ZTFLM_FLOAT32) {
		union ztflm_act_range *range = (union ztflm_act_range *)(void *)(p + act_offset);

		ztflm_activation_range_float(act, &range->f.min, &range->f.max);
		return ZTFLM_OK;
	}
	return (io->out[0].type == ZTFLM_INT32 ? int32_setup : quant_setup)(ctx, io, act, p);
}

int ztflm_binary_eval_mixed(struct ztflm_context *ctx, const void *params,
			    uint32_t params_bytes, uint32_t in1_size, uint32_t in2_size,
			    uint32_t out_size, ztflm_bcast_row row)
{
	ztflm_bcast_run(ztflm_binary_bcast(params, params_bytes), params, ztflm_input_data(ctx, 0),
			in1_size, ztflm_input_data(ctx, 1), in2_size, ztflm_output_data(ctx, 0),
			out_size, row);
	return ZTFLM_OK;
}

uint32_t ztflm_binary_count(struct ztflm_context *ctx, const void *params, uint32_t params_bytes,
			    uint32_t in_size, ztflm_bcast_row row)
{
	uint32_t count = 0;

	/* An output element of 0 bytes keeps every row writing to the one counter. */
	ztflm_bcast_run(ztflm_binary_bcast(params, params_bytes), params, ztflm_input_data(ctx, 0),
			in_size, ztflm_input_data(ctx, 1), in_size, &count, 0, row);
	return count;
}
