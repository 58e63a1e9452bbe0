/*
 * The reduction family (MEAN, SUM, REDUCE_MAX, REDUCE_MIN, REDUCE_ALL, ARG_MAX, ARG_MIN): every
 * output element folds the input elements of its reduced axes, in memory order as TFLM's
 * Reduce visits them. Op data is the operator's parameter struct P, whose first member is a
 * struct ztflm_reduce, followed by the loop nest; a variant is an accumulator type with its
 * init, step and finish functions.
 */
#ifndef ZTFLM_KERNELS_OPS_REDUCE_H_
#define ZTFLM_KERNELS_OPS_REDUCE_H_

#include <stdbool.h>
#include <stdint.h>

#include <ztflm/op.h>

/** One loop over the input: count steps of stride elements. */
struct ztflm_reduce_dim {
	uint32_t count;
	uint32_t stride;
};

/**
 * The first member of every reduction's parameters: the input seen as kept loops (one output
 * element per iteration, outermost first) around reduced loops (outermost first, so each
 * output folds its inputs in memory order). The n_kept + n_reduced loops follow P.
 */
struct ztflm_reduce {
	uint32_t n_kept;
	uint32_t n_reduced;
	uint32_t reduced_count; /**< inputs per output; 0 when the input is empty */
	uint32_t outputs;       /**< output elements (0: nothing to write) */
};

/** How a reduction reads its axes. */
enum ztflm_reduce_axes {
	ZTFLM_REDUCE_ALL_AXES,   /**< every entry of input 1 (MEAN, SUM, REDUCE_*) */
	ZTFLM_REDUCE_FIRST_AXIS, /**< only the first (ARG_MAX, ARG_MIN read no more) */
};

/**
 * Reads the constant int32 axes of input 1 (negative ones count from the end, repeats count
 * once), checks that output 0 is input 0 with those axes removed (or kept as 1 when
 * keep_dims), plans the nest and allocates the node's op data: params_bytes (a multiple of 4)
 * of zeroed parameters, then the loops. *params gets them.
 */
int ztflm_reduce_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		       enum ztflm_reduce_axes axes, bool keep_dims, uint32_t params_bytes,
		       void **params);

/** The loops after params_bytes of parameters: n_kept kept ones, then the reduced ones. */
static inline const struct ztflm_reduce_dim *ztflm_reduce_dims(const void *params,
							       uint32_t params_bytes)
{
	return (const struct ztflm_reduce_dim *)(const void *)((const uint8_t *)params +
							       params_bytes);
}

/**
 * Steps a nest of n loops (outermost first) with counters idx, keeping *offset the input
 * offset. Returns false after the last iteration (idx is then zero again).
 */
static inline bool ztflm_reduce_next(const struct ztflm_reduce_dim *d, uint32_t n, uint32_t *idx,
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

/**
 * The compute variant ztflm_<name> of a reduction with parameters P (first member `reduce`):
 * input of type (enum) in_type and C type T_IN, output of out_type and T_OUT. Each output is
 * finish(p, acc) after acc = init(p) and acc = step(p, acc, x) over its inputs in memory
 * order; when the input is empty every output is empty(p), as TFLM fills it before it
 * returns early. The parameters are copied to the stack: stores through an int8 output may
 * alias anything, and read through the pointer they would be reloaded for every element.
 */
#define ZTFLM_REDUCE_VARIANT(name, P, in_type, T_IN, out_type, T_OUT, ACC, init, step, finish,     \
			     empty)                                                                \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		const P p = *(const P *)params;                                                    \
		const struct ztflm_reduce_dim *kept = ztflm_reduce_dims(params, sizeof(P));        \
		const struct ztflm_reduce_dim *red = kept + p.reduce.n_kept;                       \
		const T_IN *in = ztflm_input_data(ctx, 0);                                         \
		T_OUT *out = ztflm_output_data(ctx, 0);                                            \
		uint32_t kept_idx[ZTFLM_MAX_DIMS] = {0};                                           \
		uint32_t red_idx[ZTFLM_MAX_DIMS] = {0};                                            \
		uint32_t base = 0;                                                                 \
                                                                                                   \
		if (p.reduce.reduced_count == 0) {                                                 \
			for (uint32_t i = 0; i < p.reduce.outputs; i++) {                          \
				out[i] = (T_OUT)empty(&p);                                         \
			}                                                                          \
			return ZTFLM_OK;                                                           \
		}                                                                                  \
		if (p.reduce.outputs == 0) {                                                       \
			return ZTFLM_OK;                                                           \
		}                                                                                  \
		do {                                                                               \
			ACC acc = init(&p);                                                        \
			uint32_t offset = base;                                                    \
                                                                                                   \
			do {                                                                       \
				acc = step(&p, acc, in[offset]);                                   \
			} while (ztflm_reduce_next(red, p.reduce.n_reduced, red_idx, &offset));    \
			*out++ = (T_OUT)finish(&p, acc);                                           \
		} while (ztflm_reduce_next(kept, p.reduce.n_kept, kept_idx, &base));               \
		return ZTFLM_OK;                                                                   \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

/**
 * The parameters of MEAN, SUM, REDUCE_MAX, REDUCE_MIN and REDUCE_ALL (ReducerOptions),
 * followed by the nest. MEAN and SUM of int8 and int16 rescale (sum - count * input zero
 * point) to the output.
 */
struct ztflm_reducer_params {
	struct ztflm_reduce reduce;
	int32_t input_zero_point;
	int32_t output_zero_point;
	int32_t multiplier; /**< s_in / s_out (SUM), / the count too (MEAN), quantized */
	int32_t shift;      /**< left if > 0 (at most 31) */
};

/** The parse of every ReducerOptions operator (its checks follow ctx->op). */
int ztflm_reducer_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused);

/** The descriptor of reduction NAME (MEAN, SUM, REDUCE_MAX, ...) over its variants. */
#define ZTFLM_REDUCER_OP(NAME, table, quantized_set)                                               \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = ZTFLM_OP_##NAME,                                                        \
		.options = ZTFLM_OPTIONS_REDUCER,                                                  \
		.inputs_min = 2,                                                                   \
		.inputs_max = 2,                                                                   \
		.outputs_min = 1,                                                                  \
		.outputs_max = 1,                                                                  \
		.same_type = ZTFLM_OUT(0),                                                         \
		.quantized = (quantized_set),                                                      \
		.parse = ztflm_reducer_parse,                                                      \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

extern const struct ztflm_variant ztflm_mean_s8_ref;
extern const struct ztflm_variant ztflm_mean_s16_ref;
extern const struct ztflm_variant ztflm_mean_f32_ref;
extern const struct ztflm_variant ztflm_sum_s8_ref;
extern const struct ztflm_variant ztflm_sum_s16_ref;
extern const struct ztflm_variant ztflm_sum_f32_ref;
extern const struct ztflm_variant ztflm_reduce_max_s8_ref;
extern const struct ztflm_variant ztflm_reduce_max_f32_ref;
extern const struct ztflm_variant ztflm_reduce_min_s8_ref;
extern const struct ztflm_variant ztflm_reduce_min_f32_ref;
extern const struct ztflm_variant ztflm_reduce_all_bool_ref;

#endif /* ZTFLM_KERNELS_OPS_REDUCE_H_ */
