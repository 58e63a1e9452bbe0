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
 * Walks the node's nest with a counting row (ZTFLM_BINARY_COUNT_ROW) and returns the number
 * of element pairs it counted: the pairs an operator cannot compute, found before it writes.
 */
uint32_t ztflm_binary_count(struct ztflm_context *ctx, const void *params, uint32_t params_bytes,
			    uint32_t in_size, ztflm_bcast_row row);

/** A counting row for ztflm_binary_count: the pairs (x, y) of T_IN for which pred(p, x, y). */
#define ZTFLM_BINARY_COUNT_ROW(name, P, T_IN, pred)                                                \
	static void name(const void *params, const void *x_, uint32_t sa, const void *y_,          \
			 uint32_t sb, void *count, uint32_t n)                                     \
	{                                                                                          \
		const P *p = params;                                                               \
		const T_IN *x = x_;                                                                \
		const T_IN *y = y_;                                                                \
		uint32_t c = 0;                                                                    \
                                                                                                   \
		for (uint32_t i = 0; i < n; i++) {                                                 \
			c += pred(p, x[i * sa], y[i * sb]) ? 1u : 0u;                              \
		}                                                                                  \
		*(uint32_t *)count += c;                                                           \
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
		/* A local copy: the output stores cannot alias it, so its fields stay in          \
		 * registers instead of being read again for every element. */                     \
		const P copy = *(const P *)params;                                                 \
		const P *p = &copy;                                                                \
		const T_X *x = x_;                                                                 \
		const T_Y *y = y_;                                                                 \
		T_OUT *out = out_;                                                                 \
                                                                                                   \
		for (uint32_t i = 0; i < n; i++) {                                                 \
			out[i] = (T_OUT)fn(p, x[i * sa], y[i * sb]);                               \
		}                                                                                  \
	}

/**
 * The compute variant ztflm_<name> of a binary operator whose op data starts with
 * params_bytes of parameters read as a P: inputs of type (enum) in_type and C type T_IN,
 * output of out_type and T_OUT, each element fn(p, x, y).
 */
#define ZTFLM_BINARY_VARIANT_AT(name, P, params_bytes, in_type, T_IN, out_type, T_OUT, fn)         \
	ZTFLM_BINARY_VARIANT_MIXED_AT(name, P, params_bytes, in_type, T_IN, T_IN, out_type, T_OUT, fn)

/** ZTFLM_BINARY_VARIANT with input 1 of C type T_X (of in_type) and input 2 of T_Y. */
#define ZTFLM_BINARY_VARIANT_MIXED(name, P, in_type, T_X, T_Y, out_type, T_OUT, fn)                \
	ZTFLM_BINARY_VARIANT_MIXED_AT(name, P, (uint32_t)sizeof(P), in_type, T_X, T_Y, out_type,   \
				      T_OUT, fn)

/** ZTFLM_BINARY_VARIANT_AT with input 1 of C type T_X (of in_type) and input 2 of T_Y. */
#define ZTFLM_BINARY_VARIANT_MIXED_AT(name, P, params_bytes, in_type, T_X, T_Y, out_type,          \
				      T_OUT, fn)                                                   \
	ZTFLM_BINARY_ROW_MIXED(name##_row, P, T_X, T_Y, T_OUT, fn)                                 \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		return ztflm_binary_eval_mixed(ctx, params, (params_bytes), (uint32_t)sizeof(T_X), \
					       (uint32_t)sizeof(T_Y), (uint32_t)sizeof(T_OUT),     \
					       name##_row);                                        \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

/**
 * A compute variant (as ZTFLM_BINARY_VARIANT_AT) that first counts the element pairs for
 * which bad(p, x, y) holds, the ones TFLM fails on or cannot compute, and fails the node with
 * ZTFLM_ERR_KERNEL and message when there is one, before writing any output.
 */
#define ZTFLM_BINARY_CHECKED_VARIANT(name, P, params_bytes, in_type, T_IN, out_type, T_OUT, fn,    \
				     bad, message)                                                 \
	ZTFLM_BINARY_ROW(name##_row, P, T_IN, T_OUT, fn)                                           \
	ZTFLM_BINARY_COUNT_ROW(name##_bad, P, T_IN, bad)                                           \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		const uint32_t n = ztflm_binary_count(ctx, params, (params_bytes),                 \
						      (uint32_t)sizeof(T_IN), name##_bad);         \
                                                                                                   \
		ZTFLM_CHECK(ctx, n == 0, ZTFLM_ERR_KERNEL, "%u elements: " message, (unsigned)n);  \
		return ztflm_binary_eval(ctx, params, (params_bytes), (uint32_t)sizeof(T_IN),      \
					 (uint32_t)sizeof(T_OUT), name##_row);                     \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

/** The compute variant of a binary operator with parameters P (see ZTFLM_BINARY_VARIANT_AT). */
#define ZTFLM_BINARY_VARIANT(name, P, in_type, T_IN, out_type, T_OUT, fn)                          \
	ZTFLM_BINARY_VARIANT_AT(name, P, (uint32_t)sizeof(P), in_type, T_IN, out_type, T_OUT, fn)

/**
 * The compute variant of a binary operator without parameters (its op data is the nest,
 * parsed with params_bytes 0): fn(p, x, y) ignores p.
 */
#define ZTFLM_BINARY_PLAIN_VARIANT(name, in_type, T_IN, out_type, T_OUT, fn)                       \
	ZTFLM_BINARY_VARIANT_AT(name, struct ztflm_bcast, 0u, in_type, T_IN, out_type, T_OUT, fn)

/** An arithmetic operator's setup of its parameters for int32 or quantized tensors. */
typedef int (*ztflm_arith_setup)(struct ztflm_context *ctx, const struct ztflm_io *io,
				 int32_t act, void *params);

/**
 * The parse of ADD, SUB, MUL and DIV: op data of params_bytes and the broadcast nest; float32
 * takes the fused activation's range (a union ztflm_act_range at act_offset), int32 and the
 * quantized types their operator's setup.
 */
int ztflm_arith_parse(struct ztflm_context *ctx, const struct ztflm_io *io,
		      uint32_t params_bytes, uint32_t act_offset, ztflm_arith_setup int32_setup,
		      ztflm_arith_setup quant_setup);

/** The parse of a binary operator without parameters: the nest only. */
int ztflm_binary_parse_plain(struct ztflm_context *ctx, const struct ztflm_io *io, void *unused);

/** The arity of a binary descriptor: two inputs, one output. */
#define ZTFLM_BINARY_IO .inputs_min = 2, .inputs_max = 2, .outputs_min = 1, .outputs_max = 1

/**
 * The descriptor of a binary operator without parameters or options whose inputs and output
 * share one type: builtin code, its variant table.
 */
#define ZTFLM_BINARY_PLAIN_OP(code, table)                                                         \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = (code),                                                                 \
		ZTFLM_BINARY_IO,                                                                   \
		.same_type = ZTFLM_IN(1) | ZTFLM_OUT(0),                                           \
		.parse = ztflm_binary_parse_plain,                                                 \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

#endif /* ZTFLM_KERNELS_OPS_BINARY_H_ */
