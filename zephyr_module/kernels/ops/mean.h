/* MEAN: parameters, the loop nest its variants walk, the variants (any set of axes). */
#ifndef ZTFLM_KERNELS_OPS_MEAN_H_
#define ZTFLM_KERNELS_OPS_MEAN_H_

#include <stdbool.h>
#include <stdint.h>

#include <ztflm/op.h>

/* One loop over the input: count steps of stride elements. */
struct ztflm_mean_dim {
	uint32_t count;
	uint32_t stride;
};

/*
 * The input seen as kept loops (one output element per iteration, outermost
 * first) around reduced loops (outermost first, so each mean adds its inputs
 * in memory order, as TFLM does). The n_kept + n_reduced loops follow this
 * header (see ztflm_mean_dims).
 */
struct ztflm_mean_params {
	uint32_t n_kept;
	uint32_t n_reduced;
	uint32_t reduced_count; /**< inputs per output; 0 makes every output 0 */
	int32_t input_zero_point;
	int32_t output_zero_point;
	int32_t multiplier; /**< s_in / s_out / reduced_count, quantized */
	int32_t shift;      /**< left if > 0 (at most 31) */
};

static inline const struct ztflm_mean_dim *ztflm_mean_dims(const struct ztflm_mean_params *p)
{
	return (const struct ztflm_mean_dim *)(const void *)(p + 1);
}

/**
 * Step a nest of n loops (outermost first) with counters idx, keeping *offset
 * the input offset. Returns false after the last iteration (idx is then zero).
 */
static inline bool ztflm_mean_next(const struct ztflm_mean_dim *d, uint32_t n, uint32_t *idx,
				   uint32_t *offset)
{
	for (uint32_t k = n; k-- > 0;) {
		*offset += d[k].stride;
		if (++idx[k] < d[k].count) {
			return true;
		}
		idx[k] = 0;
		*offset -= d[k].stride * d[k].count;
	}
	return false;
}

extern const struct ztflm_variant ztflm_mean_s8_ref;
extern const struct ztflm_variant ztflm_mean_s16_ref;
extern const struct ztflm_variant ztflm_mean_f32_ref;

#endif /* ZTFLM_KERNELS_OPS_MEAN_H_ */
