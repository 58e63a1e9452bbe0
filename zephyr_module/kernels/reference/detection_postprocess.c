/*
 * TFLite_Detection_PostProcess, reference variant: TFLM's computation step for step, its
 * sorts included (libstdc++'s partial_sort and TFLM's own merge sort), so that equal and NaN
 * scores come out in TFLM's order.
 */
#include <math.h>
#include <string.h>

#include "ops/detection_postprocess.h"

/* Decoded boxes, as TFLM's BoxCornerEncoding. */
struct corners {
	float ymin;
	float xmin;
	float ymax;
	float xmax;
};

struct scratch {
	struct corners *decoded;
	uint8_t *active;
	float *keep_scores;
	int32_t *keep_indices;
	int32_t *selected;
	float *class_scores;
	int32_t *sorted;
	int32_t *merged;        /* regular: box * classes_with_background + class */
	float *merged_scores;
	float *sorted_values;
	int32_t *class_order;   /* fast: each box's classes by decreasing score */
};

static void carve(const struct ztflm_detection_postprocess_params *p, void *base,
		  struct scratch *s)
{
	uint32_t *w = base;
	const uint32_t n = p->boxes;
	const uint32_t merged = p->max_detections + n;

	s->decoded = (struct corners *)w;
	w += 4u * n;
	s->active = (uint8_t *)w;
	w += (n + 3u) / 4u;
	s->keep_scores = (float *)w;
	s->keep_indices = (int32_t *)(w + n);
	s->selected = (int32_t *)(w + 2u * n);
	s->class_scores = (float *)(w + 3u * n);
	w += 4u * n;
	s->sorted = (int32_t *)w;
	w += merged;
	s->merged = (int32_t *)w;
	s->merged_scores = (float *)(w + merged);
	s->sorted_values = (float *)(w + 2u * merged);
	s->class_order = (int32_t *)w;
}

/* ---- TFLM's decreasing arg sorts ---- */

/* partial_sort's order: values[a] first when larger, or equal (unordered) and a < b. */
static bool before(const float *v, int32_t a, int32_t b)
{
	return v[b] < v[a] || (!(v[a] < v[b]) && a < b);
}

static void push_heap(const float *v, int32_t *first, int32_t hole, int32_t top, int32_t value)
{
	int32_t parent = (hole - 1) / 2;

	while (hole > top && before(v, first[parent], value)) {
		first[hole] = first[parent];
		hole = parent;
		parent = (hole - 1) / 2;
	}
	first[hole] = value;
}

static void adjust_heap(const float *v, int32_t *first, int32_t hole, int32_t len, int32_t value)
{
	const int32_t top = hole;
	int32_t child = hole;

	while (child < (len - 1) / 2) {
		child = 2 * (child + 1);
		if (before(v, first[child], first[child - 1])) {
			child--;
		}
		first[hole] = first[child];
		hole = child;
	}
	if ((len & 1) == 0 && child == (len - 2) / 2) {
		child = 2 * (child + 1);
		first[hole] = first[child - 1];
		hole = child - 1;
	}
	push_heap(v, first, hole, top, value);
}

static void pop_heap(const float *v, int32_t *first, int32_t len, int32_t *result)
{
	const int32_t value = *result;

	*result = first[0];
	adjust_heap(v, first, 0, len, value);
}

/* std::iota then libstdc++'s std::partial_sort (heap select, then heap sort). */
static void partial_arg_sort(const float *v, int32_t count, int32_t to_sort, int32_t *idx)
{
	for (int32_t i = 0; i < count; i++) {
		idx[i] = i;
	}
	if (to_sort >= 2) {
		for (int32_t parent = (to_sort - 2) / 2;; parent--) {
			adjust_heap(v, idx, parent, to_sort, idx[parent]);
			if (parent == 0) {
				break;
			}
		}
	}
	for (int32_t i = to_sort; i < count; i++) {
		if (before(v, idx[i], idx[0])) {
			pop_heap(v, idx, to_sort, &idx[i]);
		}
	}
	for (int32_t last = to_sort; last > 1; last--) {
		pop_heap(v, idx, last - 1, &idx[last - 1]);
	}
}

/* TFLM's InsertionSort: each element rotated in at std::upper_bound of it. */
static void insertion_sort(const float *v, int32_t *a, int32_t n)
{
	for (int32_t i = 0; i < n; i++) {
		const int32_t x = a[i];
		int32_t lo = 0;
		int32_t len = i;

		while (len > 0) {
			const int32_t half = len >> 1;

			if (v[x] > v[a[lo + half]]) {
				len = half;
			} else {
				lo += half + 1;
				len -= half + 1;
			}
		}
		memmove(a + lo + 1, a + lo, (size_t)(i - lo) * sizeof(*a));
		a[lo] = x;
	}
}

static void merge_sort(const float *v, int32_t *a, int32_t *tmp, int32_t n)
{
	if (n < 20) {
		insertion_sort(v, a, n);
		return;
	}
	const int32_t half = n / 2;
	int32_t left = 0;
	int32_t right = half;

	merge_sort(v, a, tmp, half);
	merge_sort(v, a + half, tmp, n - half);
	for (int32_t i = 0; i < n; i++) {
		if (left >= half || (right < n && v[a[right]] > v[a[left]])) {
			tmp[i] = a[right++];
		} else {
			tmp[i] = a[left++];
		}
	}
	memcpy(a, tmp, (size_t)n * sizeof(*a));
}

/* ---- boxes ---- */

static void decode(const struct ztflm_detection_postprocess_params *p, const float *enc,
		   const float *anchors, struct corners *out)
{
	const double sy = p->scale[0];
	const double sx = p->scale[1];
	const double sh = p->scale[2];
	const double sw = p->scale[3];

	for (uint32_t i = 0; i < p->boxes; i++) {
		const float *e = enc + (size_t)i * p->box_stride;
		const float *a = anchors + 4u * (size_t)i; /* y, x, h, w */
		const float yc = (float)((double)e[0] / sy * (double)a[2] + (double)a[0]);
		const float xc = (float)((double)e[1] / sx * (double)a[3] + (double)a[1]);
		const float half_h = (float)(0.5 * exp((double)e[2] / sh) * (double)a[2]);
		const float half_w = (float)(0.5 * exp((double)e[3] / sw) * (double)a[3]);

		out[i].ymin = yc - half_h;
		out[i].xmin = xc - half_w;
		out[i].ymax = yc + half_h;
		out[i].xmax = xc + half_w;
	}
}

static float max_f(float a, float b)
{
	return a < b ? b : a;
}

static float min_f(float a, float b)
{
	return b < a ? b : a;
}

static float iou(const struct corners *bi, const struct corners *bj)
{
	const float area_i = (bi->ymax - bi->ymin) * (bi->xmax - bi->xmin);
	const float area_j = (bj->ymax - bj->ymin) * (bj->xmax - bj->xmin);

	if (area_i <= 0 || area_j <= 0) {
		return 0.0f;
	}
	const float h = min_f(bi->ymax, bj->ymax) - max_f(bi->ymin, bj->ymin);
	const float w = min_f(bi->xmax, bj->xmax) - max_f(bi->xmin, bj->xmin);
	const float inter = max_f(h, 0.0f) * max_f(w, 0.0f);

	return inter / (area_i + area_j - inter);
}

/* TFLM's NonMaxSuppressionSingleClassHelper: at most max_out boxes of scores, into selected. */
static int nms(struct ztflm_context *ctx, const struct ztflm_detection_postprocess_params *p,
	       const struct scratch *s, const float *scores, uint32_t max_out, int32_t *count)
{
	const int32_t n = (int32_t)p->boxes;
	int32_t kept = 0;

	for (int32_t i = 0; i < n; i++) {
		const struct corners *b = &s->decoded[i];

		if (b->ymin >= b->ymax || b->xmin >= b->xmax) {
			return ztflm_fail(ctx, ZTFLM_ERR_KERNEL,
					  "decoded box %d is empty or inverted (TFLM fails too)",
					  (int)i);
		}
	}
	for (int32_t i = 0; i < n; i++) {
		if (scores[i] >= p->score_threshold) {
			s->keep_scores[kept] = scores[i];
			s->keep_indices[kept++] = i;
		}
	}
	for (int32_t i = 0; i < kept; i++) {
		s->sorted[i] = i;
	}
	/* keep_indices is the merge's scratch, then filled again, as TFLM does. */
	merge_sort(s->keep_scores, s->sorted, s->keep_indices, kept);
	for (int32_t i = 0, c = 0; i < n; i++) {
		if (scores[i] >= p->score_threshold) {
			s->keep_indices[c++] = i;
		}
	}
	const int32_t out = kept < (int32_t)max_out ? kept : (int32_t)max_out;
	int32_t active = kept;

	*count = 0;
	memset(s->active, 1, (size_t)kept);
	for (int32_t i = 0; i < kept && active > 0 && *count < out; i++) {
		if (!s->active[i]) {
			continue;
		}
		const int32_t bi = s->keep_indices[s->sorted[i]];

		s->selected[(*count)++] = bi;
		s->active[i] = 0;
		active--;
		for (int32_t j = i + 1; j < kept; j++) {
			if (s->active[j] &&
			    iou(&s->decoded[bi], &s->decoded[s->keep_indices[s->sorted[j]]]) >
				    p->iou_threshold) {
				s->active[j] = 0;
				active--;
			}
		}
	}
	return ZTFLM_OK;
}

struct outputs {
	struct corners *boxes;
	float *classes;
	float *scores;
	float *count;
};

static int regular(struct ztflm_context *ctx, const struct ztflm_detection_postprocess_params *p,
		   const struct scratch *s, const float *scores, const struct outputs *o)
{
	const uint32_t with_bg = p->classes + p->label_offset;
	int32_t merged = 0;

	for (uint32_t c = 0; c < p->classes; c++) {
		int32_t selected = 0;

		for (uint32_t b = 0; b < p->boxes; b++) {
			s->class_scores[b] = scores[(size_t)b * with_bg + c + p->label_offset];
		}
		const int rc = nms(ctx, p, s, s->class_scores, p->detections_per_class, &selected);

		if (rc != ZTFLM_OK) {
			return rc;
		}
		int32_t n = merged;

		for (int32_t i = 0; i < selected; i++, n++) {
			s->merged[n] = (int32_t)((uint32_t)s->selected[i] * with_bg + c +
						 p->label_offset);
			s->merged_scores[n] = s->class_scores[s->selected[i]];
		}
		const int32_t keep = n < (int32_t)p->max_detections ? n : (int32_t)p->max_detections;

		partial_arg_sort(s->merged_scores, n, keep, s->sorted);
		for (int32_t r = 0; r < keep; r++) {
			const int32_t t = s->sorted[r];

			s->sorted[r] = s->merged[t];
			s->sorted_values[r] = s->merged_scores[t];
		}
		memcpy(s->merged, s->sorted, (size_t)keep * sizeof(*s->merged));
		memcpy(s->merged_scores, s->sorted_values, (size_t)keep * sizeof(float));
		merged = keep;
	}
	for (int32_t i = 0; i < merged; i++) {
		const int32_t anchor = s->merged[i] / (int32_t)with_bg;

		o->boxes[i] = s->decoded[anchor];
		o->classes[i] = (float)(s->merged[i] - anchor * (int32_t)with_bg -
					(int32_t)p->label_offset);
		o->scores[i] = s->merged_scores[i];
	}
	*o->count = (float)merged;
	return ZTFLM_OK;
}

static int fast(struct ztflm_context *ctx, const struct ztflm_detection_postprocess_params *p,
		const struct scratch *s, const float *scores, const struct outputs *o)
{
	const uint32_t with_bg = p->classes + p->label_offset;
	const uint32_t cats = p->categories;
	int32_t selected = 0;
	uint32_t written = 0;

	for (uint32_t b = 0; b < p->boxes; b++) {
		const float *row = scores + (size_t)b * with_bg + p->label_offset;
		int32_t *order = s->class_order + (size_t)b * p->classes;

		partial_arg_sort(row, (int32_t)p->classes, (int32_t)cats, order);
		s->class_scores[b] = row[order[0]];
	}
	const int rc = nms(ctx, p, s, s->class_scores, p->max_detections, &selected);

	if (rc != ZTFLM_OK) {
		return rc;
	}
	for (int32_t i = 0; i < selected; i++) {
		const int32_t b = s->selected[i];
		const float *row = scores + (size_t)b * with_bg + p->label_offset;
		const int32_t *order = s->class_order + (size_t)b * p->classes;

		for (uint32_t c = 0; c < cats; c++, written++) {
			/* TFLM's offset: its running count times categories, plus c. */
			const uint32_t at = cats * written + c;

			o->boxes[at] = s->decoded[b];
			o->classes[at] = (float)order[c];
			o->scores[at] = row[order[c]];
		}
	}
	*o->count = (float)written;
	return ZTFLM_OK;
}

static int eval(struct ztflm_context *ctx, const void *params)
{
	const struct ztflm_detection_postprocess_params *p = params;
	struct scratch s;
	const struct outputs o = {
		ztflm_output_data(ctx, 0),
		ztflm_output_data(ctx, 1),
		ztflm_output_data(ctx, 2),
		ztflm_output_data(ctx, 3),
	};

	carve(p, ztflm_op_scratch(ctx), &s);
	/* Detections past the count: zeros (TFLM's regular NMS writes them so; its fast NMS
	 * leaves them as the arena had them). */
	memset(o.boxes, 0, (size_t)p->entries * sizeof(*o.boxes));
	memset(o.classes, 0, (size_t)p->entries * sizeof(float));
	memset(o.scores, 0, (size_t)p->entries * sizeof(float));
	decode(p, ztflm_input_data(ctx, 0), ztflm_input_data(ctx, 2), s.decoded);
	return p->regular ? regular(ctx, p, &s, ztflm_input_data(ctx, 1), &o)
			  : fast(ctx, p, &s, ztflm_input_data(ctx, 1), &o);
}

ZTFLM_VARIANT(detection_postprocess_f32_ref, ZTFLM_FLOAT32, ZTFLM_FLOAT32, eval, NULL,
	      ztflm_detection_postprocess_scratch);
