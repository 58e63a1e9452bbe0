/*
 * RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR: the height and width of an NHWC tensor to the
 * constant size, with align_corners and half_pixel_centers.
 */
#include <math.h>
#include <string.h>

#include "ops/resize.h"

/* TFLM's scale of one axis: input pixels per output pixel, in float. */
static float scale(int32_t in, int32_t out, bool align_corners)
{
	return align_corners && out > 1 ? (float)(in - 1) / (float)(out - 1)
					: (float)in / (float)out;
}

/* TFLM's integer scale of RESIZE_BILINEAR in Q10 (rounded), in 64 bits. */
static int64_t scale_10(int32_t in, int32_t out, bool align_corners)
{
	if (align_corners && out > 1) {
		return ((int64_t)(in - 1) * 1024 + (out - 1) / 2) / (out - 1);
	}
	return ((int64_t)in * 1024 + out / 2) / out;
}

/* Shapes, the size tensor and the options both operators share. */
static int parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		 struct ztflm_resize_params *p, uint32_t align_field, uint32_t half_field)
{
	const struct ztflm_tensor *in = &io->in[0];
	const struct ztflm_tensor *size = &io->in[1];
	int32_t hw[2];

	ZTFLM_CHECK(ctx, in->dims_count == 4, ZTFLM_ERR_MODEL, "input has rank %d, not 4",
		    (int)in->dims_count);
	/* TFLM reads two values without checking there are two. */
	ZTFLM_CHECK(ctx, size->type == ZTFLM_INT32 && size->dims_count == 1 && size->dims[0] == 2,
		    ZTFLM_ERR_MODEL, "the size must be an int32 tensor of 2 values");
	ZTFLM_CHECK(ctx, size->is_const, ZTFLM_ERR_UNSUPPORTED, "the size must be a constant");
	memcpy(hw, size->data, sizeof(hw));
	const int32_t shape[4] = {in->dims[0], hw[0], hw[1], in->dims[3]};
	const int rc = ztflm_check_output_shape(ctx, io, shape, 4);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	p->align_corners = ztflm_option_bool(ctx, align_field, false);
	p->half_pixel_centers = ztflm_option_bool(ctx, half_field, false);
	p->batches = io->out[0].elements > 0 ? (uint32_t)in->dims[0] : 0u;
	p->in_h = in->dims[1];
	p->in_w = in->dims[2];
	p->out_h = hw[0];
	p->out_w = hw[1];
	p->depth = (uint32_t)in->dims[3];
	if (p->batches == 0) {
		return ZTFLM_OK;
	}
	/* TFLM clamps to the last row and column: there must be one. */
	ZTFLM_CHECK(ctx, p->in_h > 0 && p->in_w > 0, ZTFLM_ERR_MODEL,
		    "an empty input cannot be resized to %d x %d", (int)p->out_h, (int)p->out_w);
	p->scale_h = scale(p->in_h, p->out_h, p->align_corners);
	p->scale_w = scale(p->in_w, p->out_w, p->align_corners);
	return ZTFLM_OK;
}

static int nearest(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	return parse(ctx, io, params, ZTFLM_RESIZE_NN_ALIGN_CORNERS,
		     ZTFLM_RESIZE_NN_HALF_PIXEL_CENTERS);
}

/* Whether the last output row's lower input row lies inside the input (TFLM reads it). */
static bool inside(const struct ztflm_resize_params *p, int32_t in, int32_t out, float s,
		   int64_t s10, bool int8)
{
	if (int8) {
		const int64_t last = (int64_t)(out - 1) * s10 +
				     (p->half_pixel_centers ? s10 / 2 - (1 << 9) : 0);

		/* And TFLM's int32 arithmetic does not overflow on the way. */
		return (int64_t)in * 1024 + out <= INT32_MAX && last + s10 + 1024 <= INT32_MAX &&
		       last / 1024 < in;
	}
	return floorf(ztflm_resize_source((float)(out - 1), s, p->half_pixel_centers)) < (float)in;
}

static int bilinear(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	struct ztflm_resize_params *p = params;
	int rc = parse(ctx, io, p, ZTFLM_RESIZE_BILINEAR_ALIGN_CORNERS,
		       ZTFLM_RESIZE_BILINEAR_HALF_PIXEL_CENTERS);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, !(p->align_corners && p->half_pixel_centers), ZTFLM_ERR_MODEL,
		    "align_corners and half_pixel_centers are both set");
	if (p->batches == 0) {
		return ZTFLM_OK;
	}
	const bool int8 = io->in[0].type == ZTFLM_INT8;
	const int64_t h10 = scale_10(p->in_h, p->out_h, p->align_corners);
	const int64_t w10 = scale_10(p->in_w, p->out_w, p->align_corners);

	/* At extreme scales TFLM's last source row rounds past the input (and it reads it). */
	ZTFLM_CHECK(ctx,
		    inside(p, p->in_h, p->out_h, p->scale_h, h10, int8) &&
			    inside(p, p->in_w, p->out_w, p->scale_w, w10, int8),
		    ZTFLM_ERR_UNSUPPORTED, "%d x %d to %d x %d is beyond TFLM's arithmetic",
		    (int)p->in_h, (int)p->in_w, (int)p->out_h, (int)p->out_w);
	p->scale_h_10 = (int32_t)h10;
	p->scale_w_10 = (int32_t)w10;
	return ZTFLM_OK;
}

static const struct ztflm_variant *const nearest_variants[] = {
	&ztflm_resize_nearest_s8_ref,
	&ztflm_resize_nearest_s16_ref,
	&ztflm_resize_nearest_f32_ref,
};

static const struct ztflm_variant *const bilinear_variants[] = {
	&ztflm_resize_bilinear_s8_ref,
	&ztflm_resize_bilinear_f32_ref,
};

#define RESIZE_OP(NAME, tag, fn, table)                                                            \
	ZTFLM_OP_GENERIC, .builtin = ZTFLM_OP_##NAME, .options = (tag), .inputs_min = 2,          \
	.inputs_max = 2, .outputs_min = 1, .outputs_max = 1, .same_type = ZTFLM_OUT(0),            \
	.params_bytes = sizeof(struct ztflm_resize_params), .parse = (fn),                         \
	ZTFLM_OP_VARIANTS(table)

const struct ztflm_op ztflm_op_resize_nearest_neighbor = {
	RESIZE_OP(RESIZE_NEAREST_NEIGHBOR, ZTFLM_OPTIONS_RESIZE_NEAREST, nearest, nearest_variants)};
const struct ztflm_op ztflm_op_resize_bilinear = {
	RESIZE_OP(RESIZE_BILINEAR, ZTFLM_OPTIONS_RESIZE_BILINEAR, bilinear, bilinear_variants)};
