/*
 * The scratch size of the int8 variant each convolution-like operator picks, for the overlay
 * this is linked with, never shrinks as one dimension grows to the largest tensor ztflm
 * accepts (2^30 bytes): a product of dimensions that wrapped 32 bits would plan a small buffer
 * the kernel then overruns. A saturated size (UINT32_MAX) is refused by ztflm_request_scratch.
 * Usage: test_scratch_sizes <overlay name>
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <ztflm/kernels.h>

#include "ops/conv_2d.h"
#include "ops/depthwise_conv_2d.h"
#include "ops/fully_connected.h"

#define LARGEST 0x3FFFFFF0 /* ZTFLM_MAX_SIZE: the most elements an int8 tensor has */

static int checks;
static int failures;

/* The values a dimension takes, in increasing order: powers of two, then the largest. */
static int32_t value(int k)
{
	return k < 30 ? (int32_t)1 << k : LARGEST;
}

/* Offsets of the fields set together to one value (e.g. input_c and filter_c). */
struct sweep {
	const char *name;
	size_t fields[2];
	int n;
};

/* The scratch of the first int8 variant that can run these parameters, as prepare picks it. */
static uint32_t scratch(const struct ztflm_op *op, const void *params)
{
	for (uint8_t i = 0; i < op->variants_count; i++) {
		const struct ztflm_variant *v = op->variants[i];

		if (v->type == ZTFLM_INT8 && (!v->can_run || v->can_run(params))) {
			return v->scratch_bytes ? v->scratch_bytes(params) : 0u;
		}
	}
	return 0u;
}

static void run(const char *kernel, void *params, size_t size, const struct sweep *s,
		const struct ztflm_op *op)
{
	unsigned char base[256];
	uint32_t previous = 0;

	if (size > sizeof(base)) {
		fprintf(stderr, "%s: parameters larger than the test's copy\n", kernel);
		failures++;
		return;
	}
	memcpy(base, params, size);
	for (int k = 0; k <= 30; k++) {
		for (int f = 0; f < s->n; f++) {
			memcpy((unsigned char *)params + s->fields[f], &(int32_t){value(k)},
			       sizeof(int32_t));
		}
		const uint32_t bytes = scratch(op, params);

		checks++;
		if (bytes < previous) {
			fprintf(stderr, "%s: %s = %ld needs %u scratch bytes, fewer than %u below it\n",
				kernel, s->name, (long)value(k), bytes, previous);
			failures++;
		}
		previous = bytes;
	}
	memcpy(params, base, size);
}

#define F(type, field) offsetof(struct type, field)

int main(int argc, char **argv)
{
	/* 1x1 everything, no offsets, the int8 range: every overlay's fast path applies. */
	struct ztflm_conv_params conv = {.batches = 1, .input_h = 1, .input_w = 1, .input_c = 1,
					 .filter_h = 1, .filter_w = 1, .filter_c = 1,
					 .output_h = 1, .output_w = 1, .output_c = 1,
					 .stride_h = 1, .stride_w = 1, .dilation_h = 1,
					 .dilation_w = 1};
	struct ztflm_dw_conv_params dw = {.batches = 1, .input_h = 1, .input_w = 1, .input_c = 1,
					  .depth_multiplier = 1, .filter_h = 1, .filter_w = 1,
					  .output_h = 1, .output_w = 1, .output_c = 1,
					  .stride_h = 1, .stride_w = 1, .dilation_h = 1,
					  .dilation_w = 1};
	struct ztflm_fc_params fc = {.batches = 1, .accum_depth = 1, .output_depth = 1};
	const struct sweep conv_dims[] = {
		{"filter_h", {F(ztflm_conv_params, filter_h)}, 1},
		{"filter_w", {F(ztflm_conv_params, filter_w)}, 1},
		{"input_c = filter_c",
		 {F(ztflm_conv_params, input_c), F(ztflm_conv_params, filter_c)}, 2},
		{"output_c", {F(ztflm_conv_params, output_c)}, 1},
		{"output_h", {F(ztflm_conv_params, output_h)}, 1},
		{"output_w", {F(ztflm_conv_params, output_w)}, 1},
		{"input_h", {F(ztflm_conv_params, input_h)}, 1},
		{"input_w", {F(ztflm_conv_params, input_w)}, 1},
		{"batches", {F(ztflm_conv_params, batches)}, 1},
	};
	const struct sweep dw_dims[] = {
		{"filter_h", {F(ztflm_dw_conv_params, filter_h)}, 1},
		{"filter_w", {F(ztflm_dw_conv_params, filter_w)}, 1},
		{"input_c = output_c",
		 {F(ztflm_dw_conv_params, input_c), F(ztflm_dw_conv_params, output_c)}, 2},
		{"output_h", {F(ztflm_dw_conv_params, output_h)}, 1},
		{"output_w", {F(ztflm_dw_conv_params, output_w)}, 1},
		{"batches", {F(ztflm_dw_conv_params, batches)}, 1},
	};
	const struct sweep fc_dims[] = {
		{"accum_depth", {F(ztflm_fc_params, accum_depth)}, 1},
		{"output_depth", {F(ztflm_fc_params, output_depth)}, 1},
		{"batches", {F(ztflm_fc_params, batches)}, 1},
	};

	conv.act.q.min = dw.act.q.min = fc.act.q.min = -128;
	conv.act.q.max = dw.act.q.max = fc.act.q.max = 127;
	for (size_t i = 0; i < sizeof(conv_dims) / sizeof(conv_dims[0]); i++) {
		run("CONV_2D", &conv, sizeof(conv), &conv_dims[i], &ztflm_op_conv_2d);
	}
	for (size_t i = 0; i < sizeof(dw_dims) / sizeof(dw_dims[0]); i++) {
		run("DEPTHWISE_CONV_2D", &dw, sizeof(dw), &dw_dims[i], &ztflm_op_depthwise_conv_2d);
	}
	for (size_t i = 0; i < sizeof(fc_dims) / sizeof(fc_dims[0]); i++) {
		run("FULLY_CONNECTED", &fc, sizeof(fc), &fc_dims[i], &ztflm_op_fully_connected);
	}
	printf("scratch sizes (%s): %d checks, %d shrank\n", argc > 1 ? argv[1] : "?", checks,
	       failures);
	return failures ? 1 : 0;
}
