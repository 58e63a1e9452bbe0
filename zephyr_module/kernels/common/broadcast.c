/* Planning of broadcast loop nests (see broadcast.h). */
#include "broadcast.h"

static int32_t dim_at(const struct ztflm_tensor *t, int32_t n, int32_t i)
{
	/* Dimension i of t's shape extended to rank n with leading 1s. */
	const int32_t k = i - (n - t->dims_count);

	return k < 0 ? 1 : t->dims[k];
}

int ztflm_bcast_plan(struct ztflm_context *ctx, const struct ztflm_tensor *a,
		     const struct ztflm_tensor *b, const struct ztflm_tensor *out,
		     struct ztflm_bcast_dim *dims, uint32_t *ndims)
{
	int32_t n = a->dims_count > b->dims_count ? a->dims_count : b->dims_count;
	uint32_t a_acc = 1;
	uint32_t b_acc = 1;
	uint32_t nd = 0;
	bool empty = false;

	if (out->dims_count > n) {
		n = out->dims_count;
	}
	/*
	 * TFLM's element-wise binary operators go wrong at rank 8: broadcasts read outside the
	 * inputs, ADD and SUB abort, MUL of equal shapes computes other products.
	 */
	ZTFLM_CHECK(ctx, n < ZTFLM_MAX_DIMS, ZTFLM_ERR_UNSUPPORTED,
		    "rank %d: TFLM runs element-wise binary operators up to rank %d", (int)n,
		    ZTFLM_MAX_DIMS - 1);
	for (int32_t i = 0; i < n; i++) {
		const int32_t ad = dim_at(a, n, i);
		const int32_t bd = dim_at(b, n, i);
		const int32_t od = dim_at(out, n, i);
		const int32_t want = ad == 1 ? bd : ad;

		ZTFLM_CHECK(ctx, ad >= 0 && bd >= 0 && od >= 0, ZTFLM_ERR_MODEL,
			    "negative dimension");
		ZTFLM_CHECK(ctx, ad == bd || ad == 1 || bd == 1, ZTFLM_ERR_MODEL,
			    "input shapes do not broadcast: dimension %d is %d and %d", (int)i,
			    (int)ad, (int)bd);
		ZTFLM_CHECK(ctx, od == want, ZTFLM_ERR_MODEL,
			    "output dimension %d is %d but the inputs broadcast to %d", (int)i,
			    (int)od, (int)want);
		if (od == 0) {
			empty = true;
		}
	}
	if (empty) {
		*ndims = 0;
		return ZTFLM_OK;
	}
	for (int32_t i = n - 1; i >= 0; i--) {
		const uint32_t ad = (uint32_t)dim_at(a, n, i);
		const uint32_t bd = (uint32_t)dim_at(b, n, i);
		const uint32_t od = (uint32_t)dim_at(out, n, i);

		if (od != 1) {
			const uint32_t sa = ad == 1 ? 0 : a_acc;
			const uint32_t sb = bd == 1 ? 0 : b_acc;
			struct ztflm_bcast_dim *prev = nd > 0 ? &dims[nd - 1] : NULL;

			if (prev != NULL && sa == prev->a_stride * prev->count &&
			    sb == prev->b_stride * prev->count) {
				/* Contiguous with (or broadcast like) the loop inside it. */
				prev->count *= od;
			} else {
				dims[nd].count = od;
				dims[nd].a_stride = sa;
				dims[nd].b_stride = sb;
				nd++;
			}
		}
		a_acc *= ad;
		b_acc *= bd;
	}
	if (nd == 0) {
		/* Every dimension is 1: a single element. */
		dims[0].count = 1;
		dims[0].a_stride = 0;
		dims[0].b_stride = 0;
		nd = 1;
	}
	*ndims = nd;
	return ZTFLM_OK;
}

void ztflm_bcast_run(const struct ztflm_bcast *b, const void *params, const void *in1,
		     uint32_t in1_size, const void *in2, uint32_t in2_size, void *out,
		     uint32_t out_size, ztflm_bcast_row row)
{
	const uint32_t ndims = b->ndims;

	if (ndims == 0) {
		return;
	}
	const struct ztflm_bcast_dim *d = ztflm_bcast_dims(b);
	const uint8_t *x = in1;
	const uint8_t *y = in2;
	uint8_t *o = out;
	const uint32_t n = d[0].count;
	uint32_t idx[ZTFLM_MAX_DIMS] = {0};
	uint32_t ia = 0;
	uint32_t ib = 0;

	do {
		row(params, x + ia * in1_size, d[0].a_stride, y + ib * in2_size, d[0].b_stride, o,
		    n);
		o += n * out_size;
	} while (ztflm_bcast_next(d, ndims, idx, &ia, &ib));
}
