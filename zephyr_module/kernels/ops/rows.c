/* The rows family: op data, the dimensions around an axis, stacking's checks (see rows.h). */
#include <ztflm/schema.h>

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

int ztflm_rows_stack_parse(struct ztflm_context *ctx, const struct ztflm_tensor *whole,
			   bool parts_are_inputs)
{
	const char *what = parts_are_inputs ? "input" : "output";
	const int32_t n = parts_are_inputs ? ctx->inputs_count : ctx->outputs_count;
	const int32_t count = ztflm_option_i32(ctx, ZTFLM_PACK_COUNT, 0);
	const int32_t a = ztflm_option_i32(ctx, ZTFLM_PACK_AXIS, 0);
	const int32_t axis = a < 0 ? a + whole->dims_count : a;
	const uint32_t size = ztflm_type_size(whole->type);
	struct ztflm_tensor part;
	uint32_t outer;
	uint32_t inner;

	ZTFLM_MSG_ONLY(what);
	/* TFLM copies as many parts as the option says, however many the node has. */
	ZTFLM_CHECK(ctx, count == n, ZTFLM_ERR_MODEL, "%s is %d for %d %ss",
		    parts_are_inputs ? "values_count" : "num", (int)count, (int)n, what);
	ZTFLM_CHECK(ctx, axis >= 0 && axis < whole->dims_count && whole->dims[axis] == n,
		    ZTFLM_ERR_MODEL, "axis %d is not an axis of %d of the rank %d %s", (int)a,
		    (int)n, (int)whole->dims_count, parts_are_inputs ? "output" : "input");
	ztflm_rows_around(whole->dims, whole->dims_count, axis, &outer, &inner);
	struct ztflm_rows *r = ztflm_rows_alloc(ctx, (uint32_t)n, outer, (uint32_t)n * inner * size);

	if (r == NULL) {
		return ZTFLM_ERR_ARENA;
	}
	for (int32_t i = 0; i < n; i++) {
		(void)(parts_are_inputs ? ztflm_get_input(ctx, i, &part)
					: ztflm_get_output(ctx, i, &part));
		/* The descriptor's type checks reach input 23 and output 7; the rest are here. */
		ZTFLM_CHECK(ctx, part.type == whole->type && part.dims_count == whole->dims_count - 1,
			    ZTFLM_ERR_MODEL, "%s %d is not a %s tensor of rank %d", what, (int)i,
			    ztflm_type_name(whole->type), (int)whole->dims_count - 1);
		for (int32_t d = 0; d < part.dims_count; d++) {
			ZTFLM_CHECK(ctx, part.dims[d] == whole->dims[d < axis ? d : d + 1],
				    ZTFLM_ERR_MODEL, "%s %d dimension %d is %d, not the %s's", what,
				    (int)i, (int)d, (int)part.dims[d],
				    parts_are_inputs ? "output" : "input");
		}
		r->part[i] = inner * size;
	}
	return ZTFLM_OK;
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
