/* The parse every comparison shares (TFLM's ComparisonsPrepare). */
#include "common/quant.h"
#include "ops/comparison.h"

int ztflm_comparison_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused)
{
	struct ztflm_comparison_params *p;
	int rc = ztflm_binary_parse(ctx, io, sizeof(*p), (void **)&p);

	(void)unused;
	if (rc != ZTFLM_OK || io->in[0].type != ZTFLM_INT8) {
		return rc;
	}
	/* TFLM's QuantizeMultiplierSmallerThanOneExp aborts on a scale of 1 and up. */
	rc = ztflm_quantize_multiplier_below_one(ctx, (double)io->in[0].scale,
						 "input 0's scale is not below 1",
						 &p->input1_multiplier, &p->input1_shift);
	if (rc != ZTFLM_OK) {
		return rc;
	}
	rc = ztflm_quantize_multiplier_below_one(ctx, (double)io->in[1].scale,
						 "input 1's scale is not below 1",
						 &p->input2_multiplier, &p->input2_shift);
	p->input1_offset = -io->in[0].zero_point;
	p->input2_offset = -io->in[1].zero_point;
	return rc;
}
