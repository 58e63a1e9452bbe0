/* TFLite_Detection_PostProcess: options, shapes and the checks TFLM's kernel leaves out. */
#include "common/custom_options.h"
#include "ops/detection_postprocess.h"

/* Scratch parts in 32-bit words: decoded boxes, candidate flags, kept scores and indices,
 * selected indices, one class's scores, sorted indices; then per mode the regular NMS's
 * merged indices, scores and sorted values, or the fast NMS's class order of every box. */
static uint64_t scratch_words(const struct ztflm_detection_postprocess_params *p)
{
	const uint64_t n = p->boxes;
	const uint64_t merged = (uint64_t)p->max_detections + n;
	uint64_t words = 4u * n + (n + 3u) / 4u + 4u * n + merged;

	words += p->regular ? 3u * merged : n * p->classes;
	return words;
}

uint32_t ztflm_detection_postprocess_scratch(const void *params)
{
	return (uint32_t)(4u * scratch_words(params));
}

static int float_tensor(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t)
{
	ZTFLM_MSG_ONLY(what);
	/* TFLM's kernel fails at invoke on other types (and reads anchors as floats). */
	return t->type == ZTFLM_FLOAT32 ? ZTFLM_OK : ztflm_fail_type(ctx, what, t->type);
}

static int check_tensors(struct ztflm_context *ctx, const struct ztflm_io *io,
			 const struct ztflm_tensor *out, struct ztflm_detection_postprocess_params *p)
{
	const struct ztflm_tensor *box = &io->in[0];
	const struct ztflm_tensor *cls = &io->in[1];
	const struct ztflm_tensor *anchors = &io->in[2];
	static const char *const names[] = {"input 0 (box encodings)", "input 1 (scores)",
					    "input 2 (anchors)"};
	int rc = ZTFLM_OK;

	for (int32_t i = 0; i < 3 && rc == ZTFLM_OK; i++) {
		rc = float_tensor(ctx, names[i], &io->in[i]);
	}
	for (int32_t i = 0; i < 4 && rc == ZTFLM_OK; i++) {
		rc = float_tensor(ctx, "an output", &out[i]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	ZTFLM_CHECK(ctx, box->dims_count == 3 && box->dims[0] == 1 && box->dims[2] >= 4,
		    ZTFLM_ERR_MODEL, "box encodings must be [1, boxes, 4 or more]");
	ZTFLM_CHECK(ctx, cls->dims_count == 3 && cls->dims[0] == 1 && cls->dims[1] == box->dims[1],
		    ZTFLM_ERR_MODEL, "scores must be [1, %d, classes]", (int)box->dims[1]);
	ZTFLM_CHECK(ctx, anchors->dims_count == 2, ZTFLM_ERR_MODEL, "anchors must have 2 dimensions");
	p->boxes = (uint32_t)box->dims[1];
	p->box_stride = (uint32_t)box->dims[2];
	/* TFLM reads 4 floats of anchors per box whatever their shape. */
	ZTFLM_CHECK(ctx, anchors->elements / 4u >= p->boxes, ZTFLM_ERR_MODEL,
		    "anchors hold %u values, not 4 for each of %u boxes", anchors->elements,
		    p->boxes);
	const uint32_t with_background = (uint32_t)cls->dims[2];

	ZTFLM_CHECK(ctx, with_background >= p->classes && with_background - p->classes <= 1u,
		    ZTFLM_ERR_MODEL, "scores hold %u classes for num_classes %u (one more at most)",
		    with_background, p->classes);
	p->label_offset = with_background - p->classes;
	return ZTFLM_OK;
}

static int check_outputs(struct ztflm_context *ctx, const struct ztflm_tensor *out,
			 struct ztflm_detection_postprocess_params *p)
{
	/* Fast NMS writes detection i's category c at categories * (i * categories + c) + ... :
	 * TFLM's offsets grow with categories squared, past outputs of max_detections *
	 * categories entries as the converter makes them. */
	const uint64_t entries = p->regular ? p->max_detections
					    : (uint64_t)p->categories * p->categories *
						      p->max_detections;

	ZTFLM_CHECK(ctx, out[0].elements / 4u >= entries && out[1].elements >= entries &&
				 out[2].elements >= entries && out[3].elements >= 1u,
		    ZTFLM_ERR_MODEL,
		    "outputs too small for the %u detections of %u categories TFLM writes (at "
		    "offsets up to categories^2 x detections in fast NMS)",
		    p->max_detections, p->regular ? 1u : p->categories);
	p->entries = (uint32_t)entries;
	ZTFLM_CHECK(ctx, scratch_words(p) <= UINT32_MAX / 4u, ZTFLM_ERR_MODEL,
		    "%u boxes of %u classes need more than 4 GiB of scratch", p->boxes, p->classes);
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	static const char *const scales[] = {"y_scale", "x_scale", "h_scale", "w_scale"};
	struct ztflm_detection_postprocess_params *p = params;
	struct ztflm_flex_map map;
	int32_t classes = 0;
	int32_t max_det = 0;
	int32_t per_anchor = 0;
	int32_t per_class = 0;
	int rc = ztflm_options_map(ctx, &map);

	/* TFLM takes a missing key as 0; a model whose options lack one is refused. */
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_int(ctx, &map, "num_classes", true, 0, 1, INT32_MAX, &classes);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_int(ctx, &map, "max_detections", true, 0, 0, INT32_MAX, &max_det);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_bool(ctx, &map, "use_regular_nms", false, false, &p->regular);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_int(ctx, &map, "max_classes_per_detection", true, 0,
				       p->regular ? INT32_MIN : 1, INT32_MAX, &per_anchor);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_int(ctx, &map, "detections_per_class", false, 100,
				       p->regular ? 1 : INT32_MIN, INT32_MAX, &per_class);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_float(ctx, &map, "nms_score_threshold", true, 0.0f,
					 &p->score_threshold);
	}
	if (rc == ZTFLM_OK) {
		rc = ztflm_options_float(ctx, &map, "nms_iou_threshold", true, 0.0f,
					 &p->iou_threshold);
	}
	for (uint32_t i = 0; i < 4u && rc == ZTFLM_OK; i++) {
		rc = ztflm_options_float(ctx, &map, scales[i], true, 0.0f, &p->scale[i]);
	}
	if (rc != ZTFLM_OK) {
		return rc;
	}
	/* TFLM fails at invoke otherwise. */
	ZTFLM_CHECK(ctx, p->iou_threshold > 0.0f && p->iou_threshold <= 1.0f, ZTFLM_ERR_MODEL,
		    "'nms_iou_threshold' must be in (0, 1]");
	p->classes = (uint32_t)classes;
	p->max_detections = (uint32_t)max_det;
	p->detections_per_class = p->regular ? (uint32_t)per_class : 0u;
	p->categories = p->regular ? 0u : ((uint32_t)per_anchor < p->classes ? (uint32_t)per_anchor
									    : p->classes);
	/* The generic prepare loads two outputs; this operator has four. */
	struct ztflm_tensor out[4] = {io->out[0], io->out[1]};

	rc = ztflm_get_output(ctx, 2, &out[2]);
	if (rc == ZTFLM_OK) {
		rc = ztflm_get_output(ctx, 3, &out[3]);
	}
	if (rc == ZTFLM_OK) {
		rc = check_tensors(ctx, io, out, p);
	}
	return rc == ZTFLM_OK ? check_outputs(ctx, out, p) : rc;
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_detection_postprocess_f32_ref,
};

const struct ztflm_op ztflm_op_detection_postprocess = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_CUSTOM,
	.custom_name = "TFLite_Detection_PostProcess",
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 4,
	.outputs_max = 4,
	.params_bytes = sizeof(struct ztflm_detection_postprocess_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
