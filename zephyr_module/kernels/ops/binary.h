/*
 * The element-wise binary family (ADD, SUB, MUL, and the comparisons, minimum, maximum and
 * divisions built the same way): op data is the operator's parameter struct P followed by
 * the broadcast nest of its two inputs; a variant is one row function over the nest.
 */
#ifndef ZTFLM_KERNELS_OPS_BINARY_H_
#define ZTFLM_KERNELS_OPS_BINARY_H_

#include <ztflm/op.h>

#include "common/broadcast.h"

/**
 * Plans the broadcast of inputs 0 and 1 into output 0 and allocates the node's op data:
 * params_bytes (a multiple of 4) of zeroed parameters, then the nest. *params gets them.
 */
int ztflm_binary_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		       uint32_t params_bytes, void **params);

/** The nest after params_bytes of parameters. */
static inline const struct ztflm_bcast *ztflm_binary_bcast(const void *params,
							   uint32_t params_bytes)
{
	return (const struct ztflm_bcast *)(const void *)((const uint8_t *)params + params_bytes);
}

/** Runs row over the node's nest (in1_size, in2_size, out_size: element bytes). */
int ztflm_binary_eval_mixed(struct ztflm_context *ctx, const void *params,
			    uint32_t params_bytes, uint32_t in1_size, uint32_t in2_size,
			    uint32_t out_size, ztflm_bcast_row row);

/** Runs row over the node's nest, both inputs of one type (in_size, out_size: element bytes). */
static inline int ztflm_binary_eval(struct ztflm_context *ctx, const void *params,
				    uint32_t params_bytes, uint32_t in_size, uint32_t out_size,
				    ztflm_bcast_row row)
{
	return ztflm_binary_eval_mixed(ctx, params, params_bytes, in_size, in_size, out_size, row);
}

/**
 * The row function name over elements of T_IN into T_OUT: out = fn(p, x, y), p a const P *.
 * One arithmetic function serves every type it is instantiated for.
 */
#define ZTFLM_BINARY_ROW(name, P, T_IN, T_OUT, fn)                                                 \
	ZTFLM_BINARY_ROW_MIXED(name, P, T_IN, T_IN, T_OUT, fn)

/** ZTFLM_BINARY_ROW with input 1 of C type T_X and input 2 of T_Y. */
#define ZTFLM_BINARY_ROW_MIXED(name, P, T_X, T_Y, T_OUT, fn)                                       \
	static void name(const void *params, const void *x_, uint32_t sa, const void *y_,          \
			 uint32_t sb, void *out_, uint32_t n)                                      \
	{                                                                                          \
		const P *p = params;                                                               \
		const T_X *x = x_;                                                                 \
		const T_Y *y = y_;                                                                 \
		T_OUT *out = out_;                                                                 \
                                                                                                   \
		for (uint32_t i = 0; i < n; i++) {                                                 \
			out[i] = (T_OUT)fn(p, x[i * sa], y[i * sb]);                               \
		}                                                                                  \
	}

/**
 * The compute variant ztflm_<name> of a binary operator with parameters P: inputs of type
 * (enum) in_type and C type T_IN, output of out_type and T_OUT, each element fn(p, x, y).
 */
#define ZTFLM_BINARY_VARIANT(name, P, in_type, T_IN, out_type, T_OUT, fn)                          \
	ZTFLM_BINARY_VARIANT_MIXED(name, P, in_type, T_IN, T_IN, out_type, T_OUT, fn)

/** ZTFLM_BINARY_VARIANT with input 1 of C type T_X (of in_type) and input 2 of T_Y. */
#define ZTFLM_BINARY_VARIANT_MIXED(name, P, in_type, T_X, T_Y, out_type, T_OUT, fn)                \
	ZTFLM_BINARY_ROW_MIXED(name##_row, P, T_X, T_Y, T_OUT, fn)                                 \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		return ztflm_binary_eval_mixed(ctx, params, (uint32_t)sizeof(P),                   \
					       (uint32_t)sizeof(T_X), (uint32_t)sizeof(T_Y),       \
					       (uint32_t)sizeof(T_OUT), name##_row);               \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

#endif /* ZTFLM_KERNELS_OPS_BINARY_H_ */
