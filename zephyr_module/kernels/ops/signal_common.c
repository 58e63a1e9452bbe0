/* Checks the Signal library's operators share (ops/signal.h). */
#include "ops/signal.h"

int ztflm_signal_tensor(struct ztflm_context *ctx, const char *what, const struct ztflm_tensor *t,
			uint8_t type, int32_t dims)
{
	ZTFLM_MSG_ONLY(what);
	if (t->type != type) {
		return ztflm_fail_type(ctx, what, t->type);
	}
	ZTFLM_CHECK(ctx, dims < 0 || t->dims_count == dims, ZTFLM_ERR_MODEL,
		    "%s has %d dimensions, not %d", what, (int)t->dims_count, (int)dims);
	return ZTFLM_OK;
}

int ztflm_signal_same_size(struct ztflm_context *ctx, const char *what_a,
			   const struct ztflm_tensor *a, const char *what_b,
			   const struct ztflm_tensor *b)
{
	ZTFLM_MSG_ONLY(what_a);
	ZTFLM_MSG_ONLY(what_b);
	ZTFLM_CHECK(ctx, a->elements == b->elements, ZTFLM_ERR_MODEL,
		    "%s has %u elements, %s %u", what_a, a->elements, what_b, b->elements);
	return ZTFLM_OK;
}

void ztflm_signal_rows(const struct ztflm_tensor *t, uint32_t *rows, uint32_t *last)
{
	*last = (uint32_t)t->dims[t->dims_count - 1];
	/* An empty tensor has no rows, however large its other dimensions (their product could
	 * wrap): rows * last is always the element count. */
	*rows = t->elements ? 1u : 0u;
	for (int32_t i = 0; *rows && i + 1 < t->dims_count; i++) {
		*rows *= (uint32_t)t->dims[i];
	}
}

int ztflm_signal_type_option(struct ztflm_context *ctx, const struct ztflm_flex *v, uint8_t type)
{
	int32_t t = -1;
	/* TFLM looks 'T' up by its key (not by position as the other parameters). */
	const int rc = ztflm_options_value_int(ctx, v, "T", 0, 255, &t);

	ZTFLM_CHECK(ctx, rc != ZTFLM_OK || t == type, ZTFLM_ERR_MODEL,
		    "custom option 'T' is %d, the tensors are %s", (int)t, ztflm_type_name(type));
	return rc;
}
