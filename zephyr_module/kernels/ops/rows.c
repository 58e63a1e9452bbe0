/* The rows family: op data and the dimensions around an axis (see rows.h). */
#include "ops/rows.h"

struct ztflm_rows *ztflm_rows_alloc(struct ztflm_context *ctx, uint32_t count, uint32_t outer,
				    uint32_t row)
{
	/* count is an operator's input or output count: below 2^8. */
	struct ztflm_rows *r = ztflm_alloc_op_data(
		ctx, (uint32_t)sizeof(struct ztflm_rows) + count * (uint32_t)sizeof(uint32_t));

	if (r != NULL) {
		r->outer = outer;
		r->row = row;
		r->count = count;
	}
	return r;
}

void ztflm_rows_around(const int32_t *dims, int32_t rank, int32_t axis, uint32_t *outer,
		       uint32_t *inner)
{
	*outer = 1;
	*inner = 1;
	for (int32_t d = 0; d < rank; d++) {
		if (d < axis) {
			*outer *= (uint32_t)dims[d];
		} else if (d > axis) {
			*inner *= (uint32_t)dims[d];
		}
	}
}
