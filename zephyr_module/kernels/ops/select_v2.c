/* SELECT_V2: x where the condition holds, else y, the three broadcast together. */
#include "ops/select_v2.h"

/* TFLM's broadcasting select walks 5 dimensions and no more. */
#define TFLM_MAX_BROADCAST_RANK 5

static bool same_shape(const struct ztflm_tensor *a, const struct ztflm_tensor *b)
{
	if (a->dims_count != b->dims_count) {
		return false;
	}
	for (int32_t d = 0; d < a->dims_count; d++) {
		if (a->dims[d] != b->dims[d]) {
			return false;
		}
	}
	return true;
}

/* Dimension d of t's shape extended to rank n with leading 1s. */
static int32_t dim_at(const struct ztflm_tensor *t, int32_t n, int32_t d)
{
	const int32_t k = d - (n - t->dims_count);

	return k < 0 ? 1 : t->dims[k];
}

/* The loops of a broadcast of in[0..2] into out (TFLM's rule: a 1 stretches, to 0 too). */
static int plan(struct ztflm_context *ctx, const struct ztflm_tensor *const in[3],
		const struct ztflm_tensor *out, struct ztflm_select_v2_params *p)
{
	const int32_t n = out->dims_count;
	int32_t rank = 0;
	uint32_t acc[3] = {1, 1, 1};

	for (int i = 0; i < 3; i++) {
		rank = in[i]->dims_count > rank ? in[i]->dims_count : rank;
	}
	ZTFLM_CHECK(ctx, n == rank, ZTFLM_ERR_MODEL,
		    "output rank %d is not the inputs' largest, %d", (int)n, (int)rank);
	ZTFLM_CHECK(ctx, n <= TFLM_MAX_BROADCAST_RANK, ZTFLM_ERR_UNSUPPORTED,
		    "a broadcast of rank %d: TFLM broadcasts %d dimensions at most", (int)n,
		    TFLM_MAX_BROADCAST_RANK);
	p->ndims = 0;
	for (int32_t d = 0; d < n; d++) {
		int32_t want = 1;

		for (int i = 0; i < 3; i++) {
			const int32_t id = dim_at(in[i], n, d);

			ZTFLM_CHECK(ctx, id == 1 || want == 1 || id == want, ZTFLM_ERR_MODEL,
				    "the inputs do not broadcast along dimension %d", (int)d);
			want = id == 1 ? want : id;
		}
		ZTFLM_CHECK(ctx, out->dims[d] == want, ZTFLM_ERR_MODEL,
			    "output dimension %d is %d, the inputs broadcast to %d", (int)d,
			    (int)out->dims[d], (int)want);
		if (want == 0) {
			return ZTFLM_OK;
		}
	}
	for (int32_t d = n - 1; d >= 0; d--) {
		const uint32_t od = (uint32_t)out->dims[d];
		uint32_t stride[3];
		bool fuse = p->ndims > 0;

		for (int i = 0; i < 3; i++) {
			const uint32_t id = (uint32_t)dim_at(in[i], n, d);

			stride[i] = id == 1 ? 0 : acc[i];
			acc[i] *= id;
			fuse = fuse && stride[i] == p->dims[p->ndims - 1].stride[i] *
							    p->dims[p->ndims - 1].count;
		}
		if (od == 1) {
			continue;
		}
		if (fuse) {
			p->dims[p->ndims - 1].count *= od;
			continue;
		}
		p->dims[p->ndims] = (struct ztflm_select_dim){od, {stride[0], stride[1], stride[2]}};
		p->ndims++;
	}
	if (p->ndims == 0) {
		p->dims[0] = (struct ztflm_select_dim){1, {0, 0, 0}};
		p->ndims = 1;
	}
	return ZTFLM_OK;
}

static int parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params)
{
	const struct ztflm_tensor *const in[3] = {&io->in[0], &io->in[1], &io->in[2]};
	const struct ztflm_tensor *out = &io->out[0];
	struct ztflm_select_v2_params *p = params;

	ZTFLM_CHECK(ctx, in[0]->type == ZTFLM_BOOL, ZTFLM_ERR_MODEL,
		    "the condition has type %s, not BOOL", ztflm_type_name(in[0]->type));
	/* TFLM runs these element by element, reading the output's count of each. */
	if ((same_shape(in[0], in[1]) && same_shape(in[1], in[2])) ||
	    (in[0]->elements == 1 && in[1]->elements == 1 && in[2]->elements == 1)) {
		ZTFLM_CHECK(ctx, out->elements == in[1]->elements, ZTFLM_ERR_MODEL,
			    "the output has %u elements, the inputs %u", (unsigned)out->elements,
			    (unsigned)in[1]->elements);
		p->dims[0] = (struct ztflm_select_dim){out->elements, {1, 1, 1}};
		p->ndims = out->elements > 0 ? 1 : 0;
		return ZTFLM_OK;
	}
	return plan(ctx, in, out, p);
}

static const struct ztflm_variant *const variants[] = {
	&ztflm_select_v2_s8_ref,
	&ztflm_select_v2_s16_ref,
	&ztflm_select_v2_f32_ref,
};

const struct ztflm_op ztflm_op_select_v2 = {
	ZTFLM_OP_GENERIC,
	.builtin = ZTFLM_OP_SELECT_V2,
	.options = ZTFLM_OPTIONS_SELECT_V2,
	.inputs_min = 3,
	.inputs_max = 3,
	.outputs_min = 1,
	.outputs_max = 1,
	.type_input = 1,
	.same_type = ZTFLM_IN(2) | ZTFLM_OUT(0),
	.params_bytes = sizeof(struct ztflm_select_v2_params),
	.parse = parse,
	ZTFLM_OP_VARIANTS(variants),
};
