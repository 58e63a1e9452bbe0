/* The strided-copy family: building a nest of loops (see strided.h). */
#include "ops/strided.h"

void ztflm_strided_begin(struct ztflm_strided *s, int32_t base)
{
	s->base = base;
	s->ndims = 0;
	s->empty = 0;
}

void ztflm_strided_push(struct ztflm_strided *s, uint32_t count, int32_t stride)
{
	struct ztflm_strided_dim *inner = s->ndims > 0 ? &s->dims[s->ndims - 1u] : NULL;

	if (count == 0u) {
		s->empty = 1;
		return;
	}
	if (count == 1u) {
		return;
	}
	if (inner != NULL && (int64_t)stride == (int64_t)inner->stride * inner->count) {
		inner->count *= count;
		return;
	}
	/* At most one loop per dimension of a rank-ZTFLM_MAX_DIMS shape is pushed. */
	s->dims[s->ndims].count = count;
	s->dims[s->ndims].stride = stride;
	s->ndims++;
}

void ztflm_strided_end(struct ztflm_strided *s)
{
	if (s->empty) {
		s->ndims = 0;
	} else if (s->ndims == 0u) {
		/* Every loop had one iteration: one element. */
		s->dims[0].count = 1;
		s->dims[0].stride = 1;
		s->ndims = 1;
	}
}

void ztflm_strided_shape(const int32_t *dims, int32_t rank, int32_t *strides)
{
	int64_t stride = 1;

	/* Verified shapes keep the products below 2^30, but for a 0 among the dimensions
	 * (nothing to walk): the strides past it saturate instead. */
	for (int32_t k = rank - 1; k >= 0; k--) {
		strides[k] = (int32_t)stride;
		stride = stride * dims[k] > INT32_MAX ? INT32_MAX : stride * dims[k];
	}
}
