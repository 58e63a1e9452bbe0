/*
 * The element-wise unary family (QUANTIZE, DEQUANTIZE, LOGISTIC, TANH, RELU, RELU6, and the
 * math, rounding, activation and cast operators built the same way): one input, one output
 * of as many elements, out[i] a function of in[i] and the node's parameters. Op data is the
 * operator's parameter struct P, whose first member is a struct ztflm_unary; a variant is one
 * row function over the elements.
 */
#ifndef ZTFLM_KERNELS_OPS_UNARY_H_
#define ZTFLM_KERNELS_OPS_UNARY_H_

#include <ztflm/op.h>

/** The first member of every unary operator's parameters. */
struct ztflm_unary {
	uint32_t count; /**< elements of input 0, and of output 0 */
};

/** The arity of a unary descriptor: one input, one output. */
#define ZTFLM_UNARY_IO .inputs_min = 1, .inputs_max = 1, .outputs_min = 1, .outputs_max = 1

/**
 * Checks that output 0 has as many elements as input 0 and records the count in params
 * (which starts with a struct ztflm_unary). The whole parse of an operator with no other
 * parameters; the others call it first.
 */
int ztflm_unary_parse(struct ztflm_context *ctx, const struct ztflm_io *io, void *params);

/** n elements of in to out, as the variant computes them with params. */
typedef void (*ztflm_unary_row)(const void *params, const void *in, void *out, uint32_t n);

/** Runs row over every element of the node (inline: a variant's own row becomes a direct call). */
static inline int ztflm_unary_eval(struct ztflm_context *ctx, const void *params,
				   ztflm_unary_row row)
{
	const struct ztflm_unary *u = params;

	row(params, ztflm_input_data(ctx, 0), ztflm_output_data(ctx, 0), u->count);
	return ZTFLM_OK;
}

/**
 * The row function name over elements of T_IN into T_OUT: out = fn(p, x), p a const P *.
 * The parameters are copied to the stack first: stores through an int8 output may alias
 * anything, so read through the pointer they would be reloaded for every element.
 */
#define ZTFLM_UNARY_ROW(name, P, T_IN, T_OUT, fn)                                                  \
	static void name(const void *params, const void *in_, void *out_, uint32_t n)              \
	{                                                                                          \
		const P p = *(const P *)params;                                                    \
		const T_IN *in = in_;                                                              \
		T_OUT *out = out_;                                                                 \
                                                                                                   \
		for (uint32_t i = 0; i < n; i++) {                                                 \
			out[i] = (T_OUT)fn(&p, in[i]);                                             \
		}                                                                                  \
	}

/**
 * The compute variant ztflm_<name> of a unary operator with parameters P: input of type
 * (enum) in_type and C type T_IN, output of out_type and T_OUT, each element fn(p, x).
 */
#define ZTFLM_UNARY_VARIANT(name, P, in_type, T_IN, out_type, T_OUT, fn)                           \
	ZTFLM_UNARY_ROW(name##_row, P, T_IN, T_OUT, fn)                                            \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		return ztflm_unary_eval(ctx, params, name##_row);                                  \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

/**
 * A compute variant (as ZTFLM_UNARY_VARIANT) that first counts the input elements for which
 * bad(p, x) holds, the ones TFLM fails on, and fails the node with ZTFLM_ERR_KERNEL and
 * message when there is one, before writing any output.
 */
#define ZTFLM_UNARY_CHECKED_VARIANT(name, P, in_type, T_IN, out_type, T_OUT, fn, bad, message)     \
	ZTFLM_UNARY_ROW(name##_row, P, T_IN, T_OUT, fn)                                            \
	static int name##_eval(struct ztflm_context *ctx, const void *params)                      \
	{                                                                                          \
		const P *p = params;                                                               \
		const T_IN *in = ztflm_input_data(ctx, 0);                                         \
		uint32_t n = 0;                                                                    \
                                                                                                   \
		for (uint32_t i = 0; i < p->unary.count; i++) {                                    \
			n += bad(p, in[i]) ? 1u : 0u;                                              \
		}                                                                                  \
		ZTFLM_CHECK(ctx, n == 0, ZTFLM_ERR_KERNEL, "%u elements: " message, (unsigned)n);  \
		return ztflm_unary_eval(ctx, params, name##_row);                                  \
	}                                                                                          \
	ZTFLM_VARIANT(name, in_type, out_type, name##_eval, NULL, NULL)

/**
 * The descriptor of a unary operator without parameters or options whose output has the
 * input's type: builtin code, its variant table.
 */
#define ZTFLM_UNARY_PLAIN_OP(code, table)                                                          \
	{                                                                                          \
		ZTFLM_OP_GENERIC,                                                                  \
		.builtin = (code),                                                                 \
		ZTFLM_UNARY_IO,                                                                    \
		.same_type = ZTFLM_OUT(0),                                                         \
		.params_bytes = sizeof(struct ztflm_unary),                                        \
		.parse = ztflm_unary_parse,                                                        \
		ZTFLM_OP_VARIANTS(table),                                                          \
	}

#endif /* ZTFLM_KERNELS_OPS_UNARY_H_ */
