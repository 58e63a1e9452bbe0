/* Broadcast loop nests for element-wise binary ops, planned in prepare, walked in eval. */
#ifndef ZTFLM_KERNELS_BROADCAST_H_
#define ZTFLM_KERNELS_BROADCAST_H_

#include <stdbool.h>
#include <stdint.h>

#include <ztflm/kernel.h>

/*
 * One loop of the nest: count iterations, moving input 1 by a_stride and
 * input 2 by b_stride elements each time (0 when that input is broadcast along
 * it). The output is always walked contiguously. Dimensions that can be
 * walked as one (contiguous or broadcast in both) are fused, so a plain
 * element-wise op is one loop and a scalar broadcast is one loop with a stride 0.
 */
struct ztflm_bcast_dim {
	uint32_t count;
	uint32_t a_stride;
	uint32_t b_stride;
};

/*
 * The nest: ndims loops, innermost first, stored right after this header in
 * op data (see ztflm_bcast_dims). ndims is 0 when the output is empty. The
 * innermost loop's strides are 0 or 1.
 */
struct ztflm_bcast {
	uint32_t ndims;
};

static inline const struct ztflm_bcast_dim *ztflm_bcast_dims(const struct ztflm_bcast *b)
{
	return (const struct ztflm_bcast_dim *)(const void *)(b + 1);
}

/** Bytes of a nest of ndims loops, header included. */
static inline uint32_t ztflm_bcast_bytes(uint32_t ndims)
{
	return (uint32_t)sizeof(struct ztflm_bcast) +
	       ndims * (uint32_t)sizeof(struct ztflm_bcast_dim);
}

/**
 * Plan the nest of out = op(a, b) with numpy broadcasting (ranks up to
 * ZTFLM_MAX_DIMS, shorter shapes extended with leading 1s). Checks that the
 * output shape is the broadcast shape of a and b. dims needs ZTFLM_MAX_DIMS
 * entries; *ndims gets the count used.
 */
int ztflm_bcast_plan(struct ztflm_context *ctx, const struct ztflm_tensor *a,
		     const struct ztflm_tensor *b, const struct ztflm_tensor *out,
		     struct ztflm_bcast_dim *dims, uint32_t *ndims);

/**
 * Step the outer loops (all but the innermost) of a nest: idx holds their
 * counters (ZTFLM_MAX_DIMS entries, zeroed before the first row), *ia and *ib
 * the element offsets of the current row in each input. Returns false after
 * the last row.
 */
static inline bool ztflm_bcast_next(const struct ztflm_bcast_dim *d, uint32_t ndims,
				    uint32_t *idx, uint32_t *ia, uint32_t *ib)
{
	for (uint32_t k = 1; k < ndims; k++) {
		*ia += d[k].a_stride;
		*ib += d[k].b_stride;
		if (++idx[k] < d[k].count) {
			return true;
		}
		idx[k] = 0;
		*ia -= d[k].a_stride * d[k].count;
		*ib -= d[k].b_stride * d[k].count;
	}
	return false;
}

/**
 * One innermost run of a nest: out[i] = f(x[i * sa], y[i * sb]) for i < n, with the element
 * types and f of the caller (params is the operator's).
 */
typedef void (*ztflm_bcast_row)(const void *params, const void *x, uint32_t sa, const void *y,
				uint32_t sb, void *out, uint32_t n);

/**
 * Walks the nest b, calling row once per innermost run. in1_size, in2_size and out_size are
 * the bytes of an element of each input and of the output.
 */
void ztflm_bcast_run(const struct ztflm_bcast *b, const void *params, const void *in1,
		     uint32_t in1_size, const void *in2, uint32_t in2_size, void *out,
		     uint32_t out_size, ztflm_bcast_row row);

#endif /* ZTFLM_KERNELS_BROADCAST_H_ */
