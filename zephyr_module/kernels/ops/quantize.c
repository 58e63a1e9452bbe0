/* QUANTIZE: node layer (checks, rescaling parameters, dispatch by type pair). */
#include <ztflm/op.h>
#include "common/quant.h"
#include "ops/quantize.h"

/* Supported (input, output) type pairs; TFLM's eval handles exactly these. */
enum quantize_kind {
	Q_F32_S8,
	Q_F32_S16,
	Q_S8_S8,
	Q_S8_U8,
	Q_S8_S16,
	Q_S8_S32,
	Q_U8_S8,
	Q_S16_S8,
	Q_S16_S16,
	Q_S16_S32,
	Q_S32_S8,
	Q_S32_S16,
	Q_NONE,
};

struct quantize_op {
	struct ztflm_quantize_params params;
	uint32_t count;
	uint32_t kind; /* enum quantize_kind */
};

static enum quantize_kind kind_of(uint8_t in, uint8_t out)
{
	static const struct {
		uint8_t in;
		uint8_t out;
	} pairs[] = {
		[Q_F32_S8] = {ZTFLM_FLOAT32, ZTFLM_INT8},
		[Q_F32_S16] = {ZTFLM_FLOAT32, ZTFLM_INT16},
		[Q_S8_S8] = {ZTFLM_INT8, ZTFLM_INT8},
		[Q_S8_U8] = {ZTFLM_INT8, ZTFLM_UINT8},
		[Q_S8_S16] = {ZTFLM_INT8, ZTFLM_INT16},
		[Q_S8_S32] = {ZTFLM_INT8, ZTFLM_INT32},
		[Q_U8_S8] = {ZTFLM_UINT8, ZTFLM_INT8},
		[Q_S16_S8] = {ZTFLM_INT16, ZTFLM_INT8},
		[Q_S16_S16] = {ZTFLM_INT16, ZTFLM_INT16},
		[Q_S16_S32] = {ZTFLM_INT16, ZTFLM_INT32},
		[Q_S32_S8] = {ZTFLM_INT32, ZTFLM_INT8},
		[Q_S32_S16] = {ZTFLM_INT32, ZTFLM_INT16},
	};

	for (uint32_t k = 0; k < Q_NONE; k++) {
		if (pairs[k].in == in && pairs[k].out == out) {
			return (enum quantize_kind)k;
		}
	}
	return Q_NONE;
}

static int quantize_prepare(struct ztflm_context *ctx)
{
	struct ztflm_tensor in;
	struct ztflm_tensor out;
	int rc;

	ZTFLM_CHECK(ctx, ctx->inputs_count == 1 && ctx->outputs_count == 1, ZTFLM_ERR_MODEL,
		    "needs 1 input and 1 output, has %d and %d", (int)ctx->inputs_count,
		    (int)ctx->outputs_count);
	rc = ztflm_get_input(ctx, 0, &in);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 0, &out);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	const enum quantize_kind kind = kind_of(in.type, out.type);

	if (kind == Q_NONE) {
		return ztflm_fail(ctx, ZTFLM_ERR_UNSUPPORTED, "%s to %s is not supported",
				  ztflm_type_name(in.type), ztflm_type_name(out.type));
	}
	ZTFLM_CHECK(ctx, out.scale_count == 1, ZTFLM_ERR_UNSUPPORTED,
		    "the output needs one scale (per-tensor quantization), has %d",
		    (int)out.scale_count);
	ZTFLM_CHECK(ctx, in.elements == out.elements, ZTFLM_ERR_MODEL,
		    "input has %u elements but output has %u", (unsigned)in.elements,
		    (unsigned)out.elements);

	struct quantize_op *op = ztflm_alloc_op_data(ctx, sizeof(*op));

	if (op == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	op->kind = (uint32_t)kind;
	op->count = out.elements;
	op->params.output_scale = out.scale;
	op->params.output_zero_point = out.zero_point;
	op->params.input_zero_point = in.zero_point;
	if (in.type != ZTFLM_FLOAT32) {
		const double real = (double)in.scale / (double)out.scale;

		/* Written so that NaN fails too. */
		ZTFLM_CHECK(ctx, real >= 0.0 && real <= 1e300, ZTFLM_ERR_MODEL,
			    "input scale %s output scale is not a positive finite ratio", "over");
		ztflm_quantize_multiplier(real, &op->params.multiplier, &op->params.shift);
		/* Larger left shifts would shift out every bit (and be undefined in C). */
		ZTFLM_CHECK(ctx, op->params.shift <= 31, ZTFLM_ERR_UNSUPPORTED,
			    "input scale too large for the output scale");
	}
	return ZTFLM_OK;
}

static int quantize_eval(struct ztflm_context *ctx)
{
	const struct quantize_op *op = ctx->op_data;
	const struct ztflm_quantize_params *p = &op->params;
	const void *in = ztflm_input_data(ctx, 0);
	void *out = ztflm_output_data(ctx, 0);
	const uint32_t n = op->count;

	switch ((enum quantize_kind)op->kind) {
	case Q_F32_S8:
		ztflm_quantize_f32_s8(p, in, out, n);
		break;
	case Q_F32_S16:
		ztflm_quantize_f32_s16(p, in, out, n);
		break;
	case Q_S8_S8:
		ztflm_requantize_s8_s8(p, in, out, n);
		break;
	case Q_S8_U8:
		ztflm_requantize_s8_u8(p, in, out, n);
		break;
	case Q_S8_S16:
		ztflm_requantize_s8_s16(p, in, out, n);
		break;
	case Q_S8_S32:
		ztflm_requantize_s8_s32(p, in, out, n);
		break;
	case Q_U8_S8:
		ztflm_requantize_u8_s8(p, in, out, n);
		break;
	case Q_S16_S8:
		ztflm_requantize_s16_s8(p, in, out, n);
		break;
	case Q_S16_S16:
		ztflm_requantize_s16_s16(p, in, out, n);
		break;
	case Q_S16_S32:
		ztflm_requantize_s16_s32(p, in, out, n);
		break;
	case Q_S32_S8:
		ztflm_requantize_s32_s8(p, in, out, n);
		break;
	case Q_S32_S16:
		ztflm_requantize_s32_s16(p, in, out, n);
		break;
	default:
		break;
	}
	return ZTFLM_OK;
}

const struct ztflm_op ztflm_op_quantize = {
	.prepare = quantize_prepare,
	.eval = quantize_eval,
	.builtin = ZTFLM_OP_QUANTIZE,
};
